package im.extlogic.push;

import java.util.Optional;
import org.redisson.api.RBucket;
import org.redisson.api.RSet;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * A user's push rules in Redis: the conversations the user muted (a set
 * {@code im:push:muted:{userId}} of {@code convType:convId}) and the do-not-disturb hours (a string
 * {@code im:push:dnd:{userId}}). Redis because the rules are tiny, read on every offline message
 * and written rarely, and every im-ext-logic instance must see the same rules at once; losing them
 * in a Redis disaster costs some unwanted notifications, not data. Thread-safe.
 */
public final class PushPreferences {
    private final RedissonClient redis;

    public PushPreferences(RedissonClient redis) {
        this.redis = redis;
    }

    private RSet<String> muted(long userId) {
        return redis.getSet("im:push:muted:{" + userId + "}", StringCodec.INSTANCE);
    }

    private RBucket<String> dnd(long userId) {
        return redis.getBucket("im:push:dnd:{" + userId + "}", StringCodec.INSTANCE);
    }

    /** Mutes or unmutes notifications of one conversation for {@code userId}. */
    public void setMuted(long userId, int convType, long convId, boolean muted) {
        if (muted) {
            muted(userId).add(convType + ":" + convId);
        } else {
            muted(userId).remove(convType + ":" + convId);
        }
    }

    public boolean isMuted(long userId, int convType, long convId) {
        return muted(userId).contains(convType + ":" + convId);
    }

    /** Sets the quiet hours, or clears them with {@code Optional.empty()}. */
    public void setDoNotDisturb(long userId, Optional<DoNotDisturb> window) {
        if (window.isPresent()) {
            dnd(userId).set(window.get().format());
        } else {
            dnd(userId).delete();
        }
    }

    /** The quiet hours; a stored value that no longer parses counts as none. */
    public Optional<DoNotDisturb> doNotDisturb(long userId) {
        String stored = dnd(userId).get();
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(DoNotDisturb.parse(stored));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
