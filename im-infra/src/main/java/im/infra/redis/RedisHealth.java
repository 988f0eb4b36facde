package im.infra.redis;

import im.infra.health.HealthCheck;
import org.redisson.api.RedissonClient;

/** Health of Redis: a round trip within the client's command timeout. */
public final class RedisHealth {
    private RedisHealth() {
    }

    public static HealthCheck of(RedissonClient redisson) {
        return () -> {
            redisson.getBucket("im:health").isExists();
            return "ping";
        };
    }
}
