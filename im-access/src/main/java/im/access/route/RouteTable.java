package im.access.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The routes in Redis, one string key per (user, platform) so each device's route expires on its
 * own: a crashed node's devices go offline after the TTL even while the user's other devices keep
 * theirs alive on another node. Lookups read the three platform keys in one batch.
 *
 * <p>Changes are conditional where a race could hurt: login swaps atomically and returns the
 * previous holder (the device to kick); refresh and removal touch the key only while it still names
 * the caller's connection, so a closing old connection never deletes the route of the new one.
 * Thread-safe.
 */
public final class RouteTable {
    /** PROTOCOL.md platforms: DESKTOP 1, MOBILE 2, WEB 3. */
    public static final int[] PLATFORMS = {1, 2, 3};

    private static final String DELETE_IF_OWNED =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    private static final String EXPIRE_IF_OWNED =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('expire', KEYS[1], ARGV[2]) else return 0 end";

    private final RedissonClient redis;
    private final Duration ttl;

    public RouteTable(RedissonClient redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    /**
     * Makes {@code route} the user's device on {@code platform}. Blocking: call it off the event
     * loops.
     *
     * @return the route it replaced, or {@code null}
     */
    public Route register(long userId, int platform, Route route) {
        String previous = redis.<String>getBucket(key(userId, platform), StringCodec.INSTANCE)
                .getAndSet(route.encode(), ttl);
        return Route.decode(previous);
    }

    /** Extends the route's TTL while it is still {@code route}. */
    public CompletionStage<Long> refresh(long userId, int platform, Route route) {
        return script().evalAsync(RScript.Mode.READ_WRITE, EXPIRE_IF_OWNED, RScript.ReturnType.INTEGER,
                List.of(key(userId, platform)), route.encode(), Long.toString(ttl.toSeconds()));
    }

    /** Removes the route while it is still {@code route}; completes with 1 when it did. */
    public CompletionStage<Long> remove(long userId, int platform, Route route) {
        return script().evalAsync(RScript.Mode.READ_WRITE, DELETE_IF_OWNED, RScript.ReturnType.INTEGER,
                List.of(key(userId, platform)), route.encode());
    }

    /** The user's devices by platform; empty when offline. Blocking. */
    public Map<Integer, Route> lookup(long userId) {
        RBatch batch = redis.createBatch();
        for (int platform : PLATFORMS) {
            batch.<String>getBucket(key(userId, platform), StringCodec.INSTANCE).getAsync();
        }
        BatchResult<?> result = batch.execute();
        List<?> values = new ArrayList<>(result.getResponses());
        Map<Integer, Route> routes = new HashMap<>();
        for (int i = 0; i < PLATFORMS.length; i++) {
            Route r = Route.decode((String) values.get(i));
            if (r != null) {
                routes.put(PLATFORMS[i], r);
            }
        }
        return routes;
    }

    public static String key(long userId, int platform) {
        return "im:route:" + userId + ":" + platform;
    }

    private RScript script() {
        return redis.getScript(StringCodec.INSTANCE);
    }
}
