package im.infra.auth;

import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * "Close every session of this user now", from the tier that decides it (im-org-service disabling
 * an account) to every access node, over a Redis topic: each node kicks the user's connections it
 * holds with {@code KICKOUT} and the given reason (PROTOCOL.md: 2 account disabled, 3 token revoked).
 *
 * <p>Pub/sub is at most once: a node that is cut off from Redis at that moment misses it. The
 * revocation itself is durable ({@link TokenRevocations}): such a session can do nothing that needs
 * its token again, and any new login is refused. Thread-safe.
 */
public final class KickAnnouncements {
    /** PROTOCOL.md {@code Kickout.reason}: the account was disabled. */
    public static final int REASON_ACCOUNT_DISABLED = 2;
    /** PROTOCOL.md {@code Kickout.reason}: the token was revoked. */
    public static final int REASON_TOKEN_REVOKED = 3;

    static final String TOPIC = "im:auth:kicks";

    /** What a node does with an announcement; called on a Redisson thread, must not block. */
    @FunctionalInterface
    public interface Listener {
        void kick(long userId, int reason, String message);
    }

    private final RTopic topic;

    public KickAnnouncements(RedissonClient redis) {
        this.topic = redis.getTopic(TOPIC, StringCodec.INSTANCE);
    }

    /** Asks every access node to close {@code userId}'s sessions. */
    public void announce(long userId, int reason, String message) {
        topic.publish(userId + "|" + reason + "|" + (message == null ? "" : message));
    }

    /** Subscribes {@code listener}; close the returned handle to unsubscribe. */
    public AutoCloseable subscribe(Listener listener) {
        int id = topic.addListener(String.class, (channel, text) -> {
            String[] parts = text.split("\\|", 3);
            if (parts.length == 3) {
                try {
                    listener.kick(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), parts[2]);
                } catch (NumberFormatException e) {
                    // not ours: someone published garbage on the topic; nothing to kick
                }
            }
        });
        return () -> topic.removeListener(id);
    }
}
