package im.logic;

import im.infra.db.DatabaseLayout;
import im.infra.db.JdbcHealth;
import im.infra.db.ShardingDataSourceFactory;
import im.infra.health.TcpHealth;
import im.infra.mq.RocketMqFactory;
import im.infra.redis.RedisHealth;
import im.infra.redis.RedissonFactory;
import im.infra.service.ServiceHost;
import javax.sql.DataSource;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.redisson.api.RedissonClient;

/**
 * Composition root of im-logic: send, write fan-out over the sharded {@code msg} database,
 * per-user seq streams, sync, recall, conversations and unread. Calls im-org-service.
 * {@code java -jar im-logic.jar deploy/config/im-logic.properties}.
 */
public final class LogicBootstrap {
    private LogicBootstrap() {
    }

    public static void main(String[] args) {
        ServiceHost.run("im-logic", args, host -> {

            DataSource msgDb = ShardingDataSourceFactory.create(DatabaseLayout.from(host.config(), "msg"),
                    host.config().intValue("db.pool.size", 16, 1, 256));
            host.lifecycle().register("db-msg", (AutoCloseable) msgDb);
            RedissonClient redis = RedissonFactory.create(host.config());
            host.lifecycle().register("redis", redis::shutdown);
            String namesrv = host.config().string("rocketmq.namesrv");
            DefaultMQProducer producer = new RocketMqFactory(namesrv, host.settings().instanceId())
                    .producer("im-logic-producer");
            host.lifecycle().register("rocketmq-producer", producer::shutdown);

            host.admin().addCheck("db-msg", JdbcHealth.of(msgDb))
                    .addCheck("redis", RedisHealth.of(redis))
                    .addCheck("rocketmq-namesrv", TcpHealth.of(namesrv));
            host.callsService("im-org-service");
        });
    }
}
