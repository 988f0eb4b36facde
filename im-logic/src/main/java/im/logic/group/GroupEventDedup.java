package im.logic.group;

import java.time.Duration;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Which entry a group event became: the Redis string {@code im:group-event:<groupId>:<version>} holds
 * the entry's message id from the moment it is chosen, so a redelivered event re-drives the same
 * entry (whose content row and fan-out job then already exist) instead of creating a second one.
 * Thread-safe.
 */
final class GroupEventDedup {
    /**
     * Longer than any redelivery can come: RocketMQ keeps messages 72 h by default
     * ({@code fileReservedTime}), and a consumer that fell further behind has lost them anyway.
     */
    static final Duration TTL = Duration.ofDays(7);

    private final RedissonClient redis;

    GroupEventDedup(RedissonClient redis) {
        this.redis = redis;
    }

    /** Claims {@code freshMsgId} for the event; returns the id claimed earlier instead when there is one. */
    long claim(long groupId, long version, long freshMsgId) {
        RBucket<String> bucket = redis.getBucket("im:group-event:" + groupId + ":" + version, StringCodec.INSTANCE);
        if (bucket.setIfAbsent(Long.toString(freshMsgId), TTL)) {
            return freshMsgId;
        }
        String existing = bucket.get();
        return existing == null ? claim(groupId, version, freshMsgId) : Long.parseLong(existing);
    }
}
