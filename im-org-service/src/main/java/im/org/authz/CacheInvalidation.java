package im.org.authz;

import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every im-org-service instance what changed, so each drops it from its {@link OrgCache}:
 * a Redis pub/sub topic carrying {@code u:<userId>}, {@code t:<tenantId>}, {@code g:<groupId>} or
 * {@code d:<tenantId>} (the tenant's directory only).
 * The writer drops its own entries first ({@link #userChanged} and friends), then publishes, after
 * the database transaction committed. Thread-safe.
 */
public final class CacheInvalidation implements AutoCloseable {
    static final String TOPIC = im.api.org.OrgInvalidation.TOPIC;
    private static final Logger log = LoggerFactory.getLogger(CacheInvalidation.class);

    private final OrgCache cache;
    private final RTopic topic;
    private final int listenerId;

    public CacheInvalidation(OrgCache cache, RedissonClient redis) {
        this.cache = cache;
        this.topic = redis.getTopic(TOPIC, StringCodec.INSTANCE);
        this.listenerId = topic.addListener(String.class, (channel, message) -> apply(message));
    }

    public void userChanged(long userId) {
        cache.invalidateUser(userId);
        publish("u:" + userId);
    }

    public void tenantChanged(long tenantId) {
        cache.invalidateTenant(tenantId);
        publish("t:" + tenantId);
    }

    /** A user or department of the tenant was added, renamed or disabled: its directory is stale. */
    public void directoryChanged(long tenantId) {
        cache.invalidateDirectory(tenantId);
        publish("d:" + tenantId);
    }

    public void groupChanged(long groupId) {
        cache.invalidateGroup(groupId);
        publish("g:" + groupId);
    }

    private void publish(String message) {
        try {
            topic.publish(message);
        } catch (RuntimeException e) {
            // The change is committed; other instances see it when their entries expire.
            log.warn("Failed to publish cache invalidation: {message={}}: {}", message, e.toString());
        }
    }

    void apply(String message) {
        try {
            long id = Long.parseLong(message.substring(2));
            switch (message.charAt(0)) {
                case 'u' -> cache.invalidateUser(id);
                case 't' -> cache.invalidateTenant(id);
                case 'g' -> cache.invalidateGroup(id);
                case 'd' -> cache.invalidateDirectory(id);
                default -> log.warn("Ignoring unknown cache invalidation: {message={}}", message);
            }
        } catch (RuntimeException e) {
            log.warn("Ignoring malformed cache invalidation: {message={}}", message);
        }
    }

    @Override
    public void close() {
        topic.removeListener(listenerId);
    }
}
