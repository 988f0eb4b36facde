package im.receipt;

import im.api.access.AccessPushService;
import im.api.org.AuthorizationService;
import im.api.protocol.Command;
import im.api.receipt.ReceiptService;
import im.infra.db.DatabaseLayout;
import im.infra.db.PhysicalShards;
import im.infra.db.JdbcHealth;
import im.infra.db.ShardingDataSourceFactory;
import im.infra.dubbo.DubboNode;
import im.infra.health.TcpHealth;
import im.infra.mq.RocketMqFactory;
import im.infra.redis.RedisHealth;
import im.infra.redis.RedissonFactory;
import im.infra.route.RouteTable;
import im.infra.route.UserPusher;
import im.infra.service.ServiceHost;
import im.receipt.query.OrgTenantAdmins;
import java.time.Duration;
import javax.sql.DataSource;
import org.redisson.api.RedissonClient;

/**
 * Composition root of im-receipt-service: per-message read and unread member lists and counts,
 * fed by read marks through RocketMQ.
 * {@code java -jar im-receipt-service.jar deploy/config/im-receipt-service.properties}.
 */
public final class ReceiptBootstrap {
    /** The Dubbo group im-org-service exports in. */
    private static final String ORG_GROUP = "im-org-service";

    private ReceiptBootstrap() {
    }

    public static void main(String[] args) {
        ServiceHost.run("im-receipt-service", args, host -> {
            ReceiptSettings settings = ReceiptSettings.from(host.config());

            DatabaseLayout layout = DatabaseLayout.from(host.config(), "receipt");
            DataSource receiptDb = ShardingDataSourceFactory.create(layout, settings.dbPoolSize());
            host.lifecycle().register("db-receipt", (AutoCloseable) receiptDb);
            PhysicalShards receiptShards = host.lifecycle().register("db-receipt-physical",
                    PhysicalShards.pooled(layout, "db-receipt-physical", settings.dbPoolSize()));
            RedissonClient redis = RedissonFactory.create(host.config());
            host.lifecycle().register("redis", redis::shutdown);

            // Notifications go to the senders' access nodes, found through the routes in Redis.
            DubboNode dubbo = host.dubbo();
            UserPusher pusher = new UserPusher(new RouteTable(redis, Duration.ofSeconds(180)),
                    address -> dubbo.directReference(AccessPushService.class, UserPusher.ACCESS_GROUP, address),
                    host.metrics());
            DubboNode.Reference<AuthorizationService> org = dubbo.reference(AuthorizationService.class, ORG_GROUP);
            host.callsService(ORG_GROUP);

            ReceiptCore core = host.lifecycle().register("receipts", new ReceiptCore(settings, receiptDb, receiptShards,
                    RocketMqFactory.from(host.config(), host.settings().instanceId()),
                    new OrgTenantAdmins(org::get),
                    frames -> pusher.push(Command.RECEIPT_NOTIFY.number(), frames.stream()
                            .map(f -> UserPusher.Target.of(f.senderId(), f.body().toByteArray(), 0)).toList()),
                    System::currentTimeMillis, host.metrics()));
            dubbo.export(ReceiptService.class, core.endpoint(), ReceiptService.GROUP);

            host.admin().addCheck("db-receipt", JdbcHealth.of(receiptDb))
                    .addCheck("redis", RedisHealth.of(redis))
                    .addCheck("rocketmq-namesrv", TcpHealth.of(host.config().string("rocketmq.namesrv")));
        });
    }
}
