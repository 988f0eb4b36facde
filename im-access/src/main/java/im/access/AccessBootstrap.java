package im.access;

import im.infra.redis.RedisHealth;
import im.infra.redis.RedissonFactory;
import im.infra.service.ServiceHost;
import org.redisson.api.RedissonClient;

/**
 * Composition root of im-access: the long-connection gateway (TCP + WebSocket) and the HTTP API.
 * Stateless except for its live sessions; routes live in Redis. Calls im-logic and im-org-service.
 * {@code java -jar im-access.jar deploy/config/im-access.properties}.
 */
public final class AccessBootstrap {
    private AccessBootstrap() {
    }

    public static void main(String[] args) {
        ServiceHost.run("im-access", args, host -> {

            RedissonClient redis = RedissonFactory.create(host.config());
            host.lifecycle().register("redis", redis::shutdown);

            host.admin().addCheck("redis", RedisHealth.of(redis));
            host.callsService("im-logic").callsService("im-org-service");
        });
    }
}
