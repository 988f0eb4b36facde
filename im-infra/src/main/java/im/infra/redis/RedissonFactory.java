package im.infra.redis;

import im.infra.config.ImConfig;
import im.infra.config.Namespace;
import org.redisson.Redisson;
import org.redisson.api.NameMapper;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Builds the Redisson client from configuration: {@code redis.address} (default
 * {@code redis://127.0.0.1:6379}), {@code redis.database} (0), {@code redis.pool.size} (32),
 * {@code redis.timeout.ms} (3000: every command has a bound).
 *
 * <p>Every object name is prefixed with the deployment's namespace ({@code dev:im:route:...}) by
 * Redisson's {@link NameMapper}: objects, locks, the keys of {@code RScript} calls and of
 * {@code RBatch} pipelines and pub/sub topics alike ({@code RedisNamespaceIT} proves each), so business
 * code names its keys without knowing the namespace.
 */
public final class RedissonFactory {
    private RedissonFactory() {
    }

    public static RedissonClient create(ImConfig c) {
        Config config = new Config();
        int pool = c.intValue("redis.pool.size", 32, 1, 1024);
        config.useSingleServer()
                .setAddress(c.string("redis.address", "redis://127.0.0.1:6379"))
                .setDatabase(c.intValue("redis.database", 0, 0, 15))
                .setConnectionPoolSize(pool)
                .setConnectionMinimumIdleSize(Math.min(4, pool))
                .setTimeout(c.intValue("redis.timeout.ms", 3000, 100, 60_000))
                .setConnectTimeout(5000)
                .setNameMapper(nameMapper(Namespace.from(c)));
        // Netty threads of Redisson: two are plenty for a 2-core development machine; raise in production.
        config.setNettyThreads(c.intValue("redis.netty.threads", 4, 1, 64));
        return Redisson.create(config);
    }

    /** Prefixes names with {@code <namespace>:}; {@code unmap} strips it from names Redis hands back. */
    static NameMapper nameMapper(Namespace namespace) {
        String prefix = namespace.redisPrefix();
        return new NameMapper() {
            @Override
            public String map(String name) {
                return prefix + name;
            }

            @Override
            public String unmap(String name) {
                return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
            }
        };
    }
}
