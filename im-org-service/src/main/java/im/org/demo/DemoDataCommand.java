package im.org.demo;

import com.zaxxer.hikari.HikariDataSource;
import im.infra.auth.KickAnnouncements;
import im.infra.auth.TokenRevocations;
import im.infra.config.ImConfig;
import im.infra.db.DataSources;
import im.infra.db.DatabaseLayout;
import im.infra.mq.RocketMqFactory;
import im.infra.redis.RedissonFactory;
import im.org.OrgMappers;
import im.org.auth.PasswordHasher;
import im.org.authz.CacheInvalidation;
import im.org.authz.OrgCache;
import im.org.department.DepartmentEndpoint;
import im.org.group.GroupEndpoint;
import im.org.group.GroupEventPublisher;
import im.org.scope.ScopeResolver;
import im.org.store.MyBatisFactory;
import im.org.store.Transactions;
import im.org.tenant.TenantEndpoint;
import im.org.user.UserEndpoint;
import im.org.visibility.VisibilityEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.redisson.api.RedissonClient;

/**
 * {@code java -cp im-org-service.jar im.org.demo.DemoDataCommand deploy/config/im-org-service.properties}:
 * loads the demo tenant {@code acme} ({@link AcmeDemo}) if it is missing and prints the demo
 * accounts between {@code === demo accounts ===} and {@code === end ===}. Run by
 * {@code deploy/imctl up} once the services are healthy (their caches hear of the new data through
 * the invalidation topic, their consumers get the group events). Exits 1 with the reason on failure.
 */
public final class DemoDataCommand {
    private DemoDataCommand() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: DemoDataCommand CONFIG_FILE (deploy/config/im-org-service.properties)");
            System.exit(2);
        }
        ImConfig config = ImConfig.load(Path.of(args[0]));
        DatabaseLayout orgDb = DatabaseLayout.from(config, "org");
        RedissonClient redis = null;
        DefaultMQProducer producer = null;
        try (HikariDataSource db = DataSources.pooled("db-org-demo", orgDb.urls().get(0), orgDb.user(),
                orgDb.password(), 2)) {
            redis = RedissonFactory.create(config);
            producer = RocketMqFactory.from(config, "im-org-demo-loader")
                    .producer("im-org-demo-loader");
            Transactions tx = new Transactions(MyBatisFactory.create("org", db, OrgMappers.all()));
            OrgCache cache = new OrgCache(tx, Duration.ofMinutes(5), 100_000, 1_000_000);
            CacheInvalidation invalidation = new CacheInvalidation(cache, redis);
            PasswordHasher passwords = new PasswordHasher(config.intValue("auth.bcrypt.cost", 10, 4, 16));
            ScopeResolver scopes = new ScopeResolver();
            AcmeDemo demo = new AcmeDemo(tx, new TenantEndpoint(tx, passwords),
                    new DepartmentEndpoint(tx, scopes, invalidation),
                    new UserEndpoint(tx, scopes, passwords, new TokenRevocations(redis),
                            new KickAnnouncements(redis), invalidation),
                    new VisibilityEndpoint(tx, scopes, cache, invalidation),
                    new GroupEndpoint(tx, cache, invalidation, new GroupEventPublisher(producer)));
            Map<String, String> employees = demo.load();
            invalidation.close();
            print(config, employees);
        } catch (Exception e) {
            System.err.println("ERROR: demo data not loaded: " + e);
            System.exit(1);
        } finally {
            if (producer != null) {
                producer.shutdown();
            }
            if (redis != null) {
                redis.shutdown();
            }
        }
    }

    private static void print(ImConfig config, Map<String, String> employees) {
        StringBuilder out = new StringBuilder("=== demo accounts ===\n");
        out.append(String.format("  platform admin  tenantCode=platform  account=%s  password=%s%n",
                config.string("platform.admin.account"), config.string("platform.admin.password")));
        out.append(String.format("  acme admin      tenantCode=%s  account=%s  password=%s%n",
                AcmeDemo.TENANT_CODE, AcmeDemo.ADMIN_ACCOUNT, AcmeDemo.ADMIN_PASSWORD));
        out.append(String.format("  employees       tenantCode=%s  password=%s  (%d accounts), e.g.:%n",
                AcmeDemo.TENANT_CODE, AcmeDemo.EMPLOYEE_PASSWORD, employees.size()));
        for (String account : new String[] {"alice", "bob", "carol", "dave", "sam"}) {
            out.append(String.format("    %-6s %s%s%n", account, employees.get(account), note(account)));
        }
        out.append("=== end ===");
        System.out.println(out);
    }

    private static String note(String account) {
        return switch (account) {
            case "carol" -> "  (Finance: visible only from Finance and HR)";
            case "sam" -> "  (department admin of Sales)";
            default -> "";
        };
    }
}
