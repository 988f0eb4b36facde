package im.redpacket;

import com.zaxxer.hikari.HikariDataSource;
import im.infra.db.DataSources;
import im.infra.db.DatabaseLayout;
import im.infra.db.JdbcHealth;
import im.infra.health.TcpHealth;
import im.infra.redis.RedisHealth;
import im.infra.redis.RedissonFactory;
import im.infra.seata.SeataClient;
import im.infra.service.ServiceHost;
import javax.sql.DataSource;
import org.redisson.api.RedissonClient;

/**
 * Composition root of im-redpacket: wallets and red packets. Money moves in Seata global
 * transactions over the {@code wallet} and {@code redpacket} databases (AT mode, through
 * {@link SeataClient#proxy} data sources).
 * {@code java -jar im-redpacket.jar deploy/config/im-redpacket.properties}.
 */
public final class RedpacketBootstrap {
    private RedpacketBootstrap() {
    }

    public static void main(String[] args) {
        ServiceHost.run("im-redpacket", args, host -> {
            String seataServer = host.config().string("seata.server");
            SeataClient.init(host.settings().serviceName(), host.config().string("seata.tx-group", "im_tx_group"),
                    seataServer);

            DataSource wallet = SeataClient.proxy(pool(host, "wallet"));
            DataSource redpacket = SeataClient.proxy(pool(host, "redpacket"));
            RedissonClient redis = RedissonFactory.create(host.config());
            host.lifecycle().register("redis", redis::shutdown);

            host.admin().addCheck("db-wallet", JdbcHealth.of(wallet))
                    .addCheck("db-redpacket", JdbcHealth.of(redpacket))
                    .addCheck("redis", RedisHealth.of(redis))
                    .addCheck("seata", TcpHealth.of(seataServer));
        });
    }

    private static HikariDataSource pool(ServiceHost host, String logicalDb) {
        DatabaseLayout layout = DatabaseLayout.from(host.config(), logicalDb);
        return host.lifecycle().register("db-" + logicalDb, DataSources.pooled("db-" + logicalDb,
                layout.urls().get(0), layout.user(), layout.password(),
                host.config().intValue("db.pool.size", 16, 1, 256)));
    }
}
