package im.org;

import com.zaxxer.hikari.HikariDataSource;
import im.infra.db.DataSources;
import im.infra.db.DatabaseLayout;
import im.infra.db.JdbcHealth;
import im.infra.redis.RedisHealth;
import im.infra.redis.RedissonFactory;
import im.infra.service.ServiceHost;
import org.redisson.api.RedissonClient;

/**
 * Composition root of im-org-service: tenants, the department tree, employees, visibility rules,
 * groups, tokens and authorization, over the {@code org} database and Redis.
 * {@code java -jar im-org-service.jar deploy/config/im-org-service.properties}.
 */
public final class OrgBootstrap {
    private OrgBootstrap() {
    }

    public static void main(String[] args) {
        ServiceHost.run("im-org-service", args, host -> {

            DatabaseLayout orgDb = DatabaseLayout.from(host.config(), "org");
            HikariDataSource db = host.lifecycle().register("db-org", DataSources.pooled("db-org",
                    orgDb.urls().get(0), orgDb.user(), orgDb.password(),
                    host.config().intValue("db.pool.size", 16, 1, 256)));
            RedissonClient redis = RedissonFactory.create(host.config());
            host.lifecycle().register("redis", redis::shutdown);

            host.admin().addCheck("db-org", JdbcHealth.of(db)).addCheck("redis", RedisHealth.of(redis));
        });
    }
}
