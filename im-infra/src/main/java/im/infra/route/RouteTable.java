package im.infra.route;

import im.infra.redis.LuaScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RBatch;
import org.redisson.api.RMapAsync;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The routes in Redis, one string key per (user, platform) so each device's route expires on its
 * own: a crashed node's devices go offline after the TTL even while the user's other devices keep
 * theirs alive on another node. Lookups read the platform keys of many users in one {@code MGET}.
 *
 * <p>Changes are conditional where a race could hurt: login swaps atomically and returns the
 * previous holder (the device to kick); refresh and removal touch the key only while it still names
 * the caller's connection, so a closing old connection never deletes the route of the new one.
 * Thread-safe.
 */
public final class RouteTable {
    /** PROTOCOL.md platforms: DESKTOP 1, MOBILE 2, WEB 3. */
    public static final int[] PLATFORMS = {1, 2, 3};
    /** How long a device is remembered for offline push after its last login. */
    public static final Duration DEVICE_MEMORY = Duration.ofDays(30);
    /** Users per lookup round trip. */
    static final int BATCH_USERS = 500;

    private static final String DELETE_IF_OWNED =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    /** 1: extended; 2: the key was gone (Redis lost it) and is written again; 0: another connection's. */
    private static final String REFRESH = """
            local held = redis.call('get', KEYS[1])
            if held == ARGV[1] then redis.call('expire', KEYS[1], ARGV[2]) return 1 end
            if held == false then redis.call('set', KEYS[1], ARGV[1], 'EX', ARGV[2]) return 2 end
            return 0""";

    /** What {@link #refresh} did. */
    public static final long REFRESHED = 1;
    public static final long RECREATED = 2;

    /** Values of the keys in order, nil for a missing one (Redis caps a script's stack far above 1,500 keys). */
    private static final String MGET = "return redis.call('MGET', unpack(KEYS))";

    private final RedissonClient redis;
    private final Duration ttl;
    private final LuaScript mget;

    /** A table for a tier that only reads routes and devices (the TTL is the writers'). */
    public static RouteTable reader(RedissonClient redis) {
        return new RouteTable(redis, Duration.ofMinutes(3));
    }

    public RouteTable(RedissonClient redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
        this.mget = LuaScript.load(redis, MGET);
    }

    /**
     * Makes {@code route} the user's device on {@code platform} and remembers {@code deviceId} (when not
     * empty) as the platform's last device for offline push, in one round trip, without waiting.
     *
     * @return completes on a Redis client thread with the route it replaced, or {@code null}
     */
    public CompletableFuture<Route> registerAsync(long userId, int platform, String deviceId, Route route) {
        RBatch batch = redis.createBatch();
        CompletableFuture<String> previous = batch.<String>getBucket(key(userId, platform), StringCodec.INSTANCE)
                .getAndSetAsync(route.encode(), ttl).toCompletableFuture();
        RMapAsync<String, String> devices = batch.getMap(devicesKey(userId), StringCodec.INSTANCE);
        if (!deviceId.isEmpty()) {
            devices.fastPutAsync(Integer.toString(platform), deviceId);
            devices.expireAsync(DEVICE_MEMORY);
        }
        return batch.executeAsync().toCompletableFuture().thenCompose(done -> previous).thenApply(Route::decode);
    }

    /**
     * Extends the route's TTL while it is still {@code route}, and writes it again when the key is gone
     * (a Redis flush or a failover to a replica that never had it): a live connection keeps its device
     * reachable. A key naming another connection (a newer login, which kicked this one) is left alone,
     * so a kicked or closing connection never takes the route back. When the route is written again,
     * {@code deviceId} (when not empty) is remembered again for offline push.
     *
     * @return completes with {@link #REFRESHED}, {@link #RECREATED} or 0 (another connection's route)
     */
    public CompletionStage<Long> refresh(long userId, int platform, String deviceId, Route route) {
        CompletionStage<Long> done = script().evalAsync(RScript.Mode.READ_WRITE, REFRESH, RScript.ReturnType.INTEGER,
                List.of(key(userId, platform)), route.encode(), Long.toString(ttl.toSeconds()));
        return done.thenCompose(result -> {
            if (result != RECREATED || deviceId.isEmpty()) {
                return CompletableFuture.completedFuture(result);
            }
            RBatch batch = redis.createBatch();
            RMapAsync<String, String> devices = batch.getMap(devicesKey(userId), StringCodec.INSTANCE);
            devices.fastPutIfAbsentAsync(Integer.toString(platform), deviceId);
            devices.expireIfNotSetAsync(DEVICE_MEMORY);
            return batch.executeAsync().thenApply(ignored -> result);
        });
    }

    /** Removes the route while it is still {@code route}; completes with 1 when it did. */
    public CompletionStage<Long> remove(long userId, int platform, Route route) {
        return script().evalAsync(RScript.Mode.READ_WRITE, DELETE_IF_OWNED, RScript.ReturnType.INTEGER,
                List.of(key(userId, platform)), route.encode());
    }

    /** The user's devices by platform; empty when offline. Blocking. */
    public Map<Integer, Route> lookup(long userId) {
        return lookup(List.of(userId)).getOrDefault(userId, Map.of());
    }

    /**
     * The online devices of many users, read with one {@code MGET} per {@value #BATCH_USERS} users (one
     * command for all their platform keys, instead of a command per key; in a script, so that the keys
     * go through the namespace like every other and the values come back in order). Blocking.
     *
     * @return only the users with at least one device online
     */
    public Map<Long, Map<Integer, Route>> lookup(Collection<Long> userIds) {
        Map<Long, Map<Integer, Route>> online = new HashMap<>();
        List<Long> users = List.copyOf(userIds);
        for (int from = 0; from < users.size(); from += BATCH_USERS) {
            List<Long> chunk = users.subList(from, Math.min(users.size(), from + BATCH_USERS));
            List<Object> keys = new ArrayList<>(chunk.size() * PLATFORMS.length);
            for (long user : chunk) {
                for (int platform : PLATFORMS) {
                    keys.add(key(user, platform));
                }
            }
            List<?> values = mget.eval(StringCodec.INSTANCE, RScript.ReturnType.MULTI, keys);
            for (int i = 0; i < chunk.size(); i++) {
                for (int p = 0; p < PLATFORMS.length; p++) {
                    Route r = Route.decode((String) values.get(i * PLATFORMS.length + p));
                    if (r != null) {
                        online.computeIfAbsent(chunk.get(i), u -> new HashMap<>()).put(PLATFORMS[p], r);
                    }
                }
            }
        }
        return online;
    }

    /**
     * The last device each user logged in with on each platform within {@link #DEVICE_MEMORY}, online
     * or not: whom an offline push notifies. Blocking; one round trip per {@value #BATCH_USERS} users.
     *
     * @return only the users with a remembered device
     */
    public Map<Long, Map<Integer, String>> devices(Collection<Long> userIds) {
        Map<Long, Map<Integer, String>> known = new HashMap<>();
        List<Long> users = List.copyOf(userIds);
        for (int from = 0; from < users.size(); from += BATCH_USERS) {
            List<Long> chunk = users.subList(from, Math.min(users.size(), from + BATCH_USERS));
            RBatch batch = redis.createBatch();
            for (long user : chunk) {
                batch.<String, String>getMap(devicesKey(user), StringCodec.INSTANCE).readAllMapAsync();
            }
            List<?> values = batch.execute().getResponses();
            for (int i = 0; i < chunk.size(); i++) {
                Map<Integer, String> devices = new HashMap<>();
                ((Map<?, ?>) values.get(i)).forEach((platform, device) -> {
                    try {
                        devices.put(Integer.parseInt((String) platform), (String) device);
                    } catch (NumberFormatException e) {
                        // a field this version does not write: ignore it
                    }
                });
                if (!devices.isEmpty()) {
                    known.put(chunk.get(i), devices);
                }
            }
        }
        return known;
    }

    public static String key(long userId, int platform) {
        return "im:route:" + userId + ":" + platform;
    }

    public static String devicesKey(long userId) {
        return "im:devices:" + userId;
    }

    private RScript script() {
        return redis.getScript(StringCodec.INSTANCE);
    }
}
