package im.receipt;

import im.infra.health.TcpHealth;
import im.infra.redis.RedisHealth;
import im.infra.redis.RedissonFactory;
import im.infra.service.ServiceHost;
import org.redisson.api.RedissonClient;

/**
 * Composition root of im-receipt-service: per-message read and unread member lists and counts,
 * fed by read marks through RocketMQ.
 * {@code java -jar im-receipt-service.jar deploy/config/im-receipt-service.properties}.
 */
public final class ReceiptBootstrap {
    private ReceiptBootstrap() {
    }

    public static void main(String[] args) {
        ServiceHost.run("im-receipt-service", args, host -> {

            RedissonClient redis = RedissonFactory.create(host.config());
            host.lifecycle().register("redis", redis::shutdown);

            host.admin().addCheck("redis", RedisHealth.of(redis))
                    .addCheck("rocketmq-namesrv", TcpHealth.of(host.config().string("rocketmq.namesrv")));
        });
    }
}
