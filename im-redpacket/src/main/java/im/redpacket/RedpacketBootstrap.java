package im.redpacket;

import com.zaxxer.hikari.HikariDataSource;
import im.api.message.MessageService;
import im.api.org.AuthorizationService;
import im.api.org.GroupService;
import im.api.org.UserService;
import im.api.redpacket.RedPacketService;
import im.api.redpacket.WalletService;
import im.infra.config.Namespace;
import im.infra.db.DataSources;
import im.infra.db.DatabaseLayout;
import im.infra.db.JdbcHealth;
import im.infra.dubbo.DubboNode;
import im.infra.health.TcpHealth;
import im.infra.mq.RocketMqFactory;
import im.infra.redis.RedisHealth;
import im.infra.redis.RedissonFactory;
import im.infra.seata.SeataClient;
import im.infra.service.ServiceHost;
import im.redpacket.org.OrgConversations;
import im.redpacket.send.LogicChatPoster;
import im.redpacket.send.SendHandler;
import org.redisson.api.RedissonClient;

/**
 * Composition root of im-redpacket: wallets and red packets. Money moves in Seata global
 * transactions over the {@code wallet} and {@code redpacket} databases (AT mode, through
 * {@link SeataClient#proxy} data sources); sends and grabs are RocketMQ transactional messages
 * (chat message, credit); an expiry scan refunds ({@link RedPacketCore}). Exports
 * {@link WalletService} and {@link RedPacketService} in group {@code im-redpacket}; calls
 * im-org-service (authorization, groups, roles) and im-logic (the chat message's id for the answer).
 * {@code java -jar im-redpacket.jar deploy/config/im-redpacket.properties}.
 */
public final class RedpacketBootstrap {
    private static final String ORG_GROUP = "im-org-service";

    private RedpacketBootstrap() {
    }

    public static void main(String[] args) {
        ServiceHost.run("im-redpacket", args, host -> {
            RedPacketSettings settings = RedPacketSettings.from(host.config());
            String seataServer = host.config().string("seata.server");
            SeataClient.init(host.settings().serviceName(), Namespace.from(host.config()),
                    host.config().string("seata.tx-group", "im_tx_group"), seataServer);

            HikariDataSource walletPool = pool(host, "wallet");
            HikariDataSource redpacketPool = pool(host, "redpacket");
            RedPacketCore.Databases db = new RedPacketCore.Databases(walletPool, redpacketPool,
                    SeataClient.proxy(walletPool), SeataClient.proxy(redpacketPool));
            RedissonClient redis = RedissonFactory.create(host.config());
            host.lifecycle().register("redis", redis::shutdown);
            String namesrv = host.config().string("rocketmq.namesrv");

            DubboNode.Reference<AuthorizationService> authorization =
                    host.dubbo().reference(AuthorizationService.class, ORG_GROUP);
            DubboNode.Reference<GroupService> groups = host.dubbo().reference(GroupService.class, ORG_GROUP);
            DubboNode.Reference<UserService> users = host.dubbo().reference(UserService.class, ORG_GROUP);
            DubboNode.Reference<MessageService> messages = host.dubbo().reference(MessageService.class, "im-logic");

            RedPacketCore core = host.lifecycle().register("redpackets", RedPacketCore.start(settings, db, redis,
                    host.config().string("redpacket.redis.prefix", "im:rp:"),
                    RocketMqFactory.from(host.config(), host.settings().instanceId()), host.settings().registryGroup(),
                    new OrgConversations(authorization::get, groups::get, users::get),
                    new LogicChatPoster(messages::get), host.metrics(), System::currentTimeMillis, SendHandler::newPacketId, true));
            host.dubbo().export(WalletService.class, core.wallet(), "im-redpacket");
            host.dubbo().export(RedPacketService.class, core.redPackets(), "im-redpacket");

            host.admin().addCheck("db-wallet", JdbcHealth.of(walletPool))
                    .addCheck("db-redpacket", JdbcHealth.of(redpacketPool))
                    .addCheck("redis", RedisHealth.of(redis))
                    .addCheck("rocketmq-namesrv", TcpHealth.of(namesrv))
                    .addCheck("seata", TcpHealth.of(seataServer));
            host.callsService(ORG_GROUP);
        });
    }

    private static HikariDataSource pool(ServiceHost host, String logicalDb) {
        DatabaseLayout layout = DatabaseLayout.from(host.config(), logicalDb);
        return host.lifecycle().register("db-" + logicalDb, DataSources.pooled("db-" + logicalDb,
                layout.urls().get(0), layout.user(), layout.password(),
                host.config().intValue("db.pool.size", 16, 1, 256)));
    }
}
