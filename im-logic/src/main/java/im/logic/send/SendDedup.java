package im.logic.send;

import java.time.Duration;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * De-duplication of sends on {@code (sender, client_msg_id)} for 24 h: the Redis string
 * {@code im:dedup:<senderId>:<clientMsgId>} holds {@code msgId:sendTime:convType:toId} from the moment
 * the message id is chosen, then {@code :seq} is appended once answered. A resend finds the claim and
 * answers the original message instead of creating one. Thread-safe.
 */
public final class SendDedup {
    static final Duration TTL = Duration.ofHours(24);

    private final RedissonClient redis;

    public SendDedup(RedissonClient redis) {
        this.redis = redis;
    }

    /** A claim on a client message id: the message it names and, once answered, the sender's seq. */
    public record Claim(long msgId, long sendTime, int convType, long toId, long seq, boolean answered) {
        String encode() {
            return msgId + ":" + sendTime + ":" + convType + ":" + toId + (answered ? ":" + seq : "");
        }

        static Claim decode(String s) {
            String[] p = s.split(":");
            boolean answered = p.length == 5;
            return new Claim(Long.parseLong(p[0]), Long.parseLong(p[1]), Integer.parseInt(p[2]), Long.parseLong(p[3]),
                    answered ? Long.parseLong(p[4]) : 0, answered);
        }
    }

    /** Claims the id for a new message; returns the existing claim instead when there is one. */
    public Claim claim(long senderId, String clientMsgId, Claim fresh) {
        RBucket<String> bucket = bucket(senderId, clientMsgId);
        if (bucket.setIfAbsent(fresh.encode(), TTL)) {
            return fresh;
        }
        String existing = bucket.get();
        return existing == null ? claim(senderId, clientMsgId, fresh) : Claim.decode(existing);
    }

    /** Records the answer so that a resend returns it. */
    public void answered(long senderId, String clientMsgId, Claim claim, long seq) {
        bucket(senderId, clientMsgId).set(new Claim(claim.msgId(), claim.sendTime(), claim.convType(), claim.toId(),
                seq, true).encode(), TTL);
    }

    /** Drops a claim whose message was never stored, so that a resend tries again. */
    public void release(long senderId, String clientMsgId, Claim claim) {
        bucket(senderId, clientMsgId).compareAndSet(claim.encode(), null);
    }

    private RBucket<String> bucket(long senderId, String clientMsgId) {
        return redis.getBucket("im:dedup:" + senderId + ":" + clientMsgId, StringCodec.INSTANCE);
    }
}
