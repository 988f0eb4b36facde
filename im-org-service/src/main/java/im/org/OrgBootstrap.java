package im.org;

import com.zaxxer.hikari.HikariDataSource;
import im.api.org.AuthService;
import im.api.org.AuthorizationService;
import im.api.org.DepartmentService;
import im.api.org.DirectoryService;
import im.api.org.GroupService;
import im.api.org.TenantService;
import im.api.org.UserService;
import im.api.org.VisibilityService;
import im.infra.auth.KickAnnouncements;
import im.infra.auth.TokenCodec;
import im.infra.auth.TokenRevocations;
import im.infra.config.ConfigException;
import im.infra.config.ImConfig;
import im.infra.db.DataSources;
import im.infra.db.DatabaseLayout;
import im.infra.db.JdbcHealth;
import im.infra.mq.RocketMqFactory;
import im.infra.redis.RedisHealth;
import im.infra.redis.RedissonFactory;
import im.infra.service.ServiceHost;
import im.org.auth.AuthEndpoint;
import im.org.auth.LoginLockout;
import im.org.auth.PasswordHasher;
import im.org.auth.PlatformAdmin;
import im.org.authz.AuthorizationEndpoint;
import im.org.authz.CacheInvalidation;
import im.org.authz.OrgCache;
import im.org.department.DepartmentEndpoint;
import im.org.directory.DirectoryCache;
import im.org.directory.DirectoryEndpoint;
import im.org.group.GroupEndpoint;
import im.org.group.GroupEventPublisher;
import im.org.scope.ScopeResolver;
import im.org.store.MyBatisFactory;
import im.org.store.Transactions;
import im.org.tenant.TenantEndpoint;
import im.org.user.UserEndpoint;
import im.org.visibility.VisibilityEndpoint;
import java.time.Duration;
import java.util.Base64;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.redisson.api.RedissonClient;

/**
 * Composition root of im-org-service: tenants, the department tree, employees, visibility rules,
 * groups, tokens and authorization, over the {@code org} database and Redis, exported over Dubbo
 * in the group {@code im-org-service}.
 * {@code java -jar im-org-service.jar deploy/config/im-org-service.properties}.
 */
public final class OrgBootstrap {
    /** The Dubbo group every org interface is exported in. */
    public static final String GROUP = "im-org-service";

    private OrgBootstrap() {
    }

    public static void main(String[] args) {
        ServiceHost.run("im-org-service", args, host -> {
            ImConfig config = host.config();

            DatabaseLayout orgDb = DatabaseLayout.from(config, "org");
            HikariDataSource db = host.lifecycle().register("db-org", DataSources.pooled("db-org",
                    orgDb.urls().get(0), orgDb.user(), orgDb.password(),
                    config.intValue("db.pool.size", 16, 1, 256)));
            RedissonClient redis = RedissonFactory.create(config);
            host.lifecycle().register("redis", redis::shutdown);
            DefaultMQProducer producer = RocketMqFactory.from(config, host.settings().instanceId()).producer("im-org-service-group-events");
            host.lifecycle().register("group-event-producer", producer::shutdown);

            Transactions tx = new Transactions(MyBatisFactory.create("org", db, OrgMappers.ALL));
            OrgCache cache = new OrgCache(tx, Duration.ofSeconds(config.intValue("authz.cache.ttl.seconds", 60, 1, 3600)),
                    config.intValue("authz.cache.max-users", 500_000, 1_000, 10_000_000),
                    config.intValue("authz.cache.max-group-members", 5_000_000, 10_000, 100_000_000));
            CacheInvalidation invalidation = host.lifecycle().register("cache-invalidation",
                    new CacheInvalidation(cache, redis));
            PasswordHasher passwords = new PasswordHasher(config.intValue("auth.bcrypt.cost", 10, 4, 16));
            TokenCodec tokens = new TokenCodec(tokenSecret(config));
            TokenRevocations revocations = new TokenRevocations(redis);
            ScopeResolver scopes = new ScopeResolver();
            KickAnnouncements kicks = new KickAnnouncements(redis);

            AuthEndpoint auth = new AuthEndpoint(tx, passwords,
                    new LoginLockout(redis, config.intValue("auth.lockout.max-failures", 5, 1, 100),
                            Duration.ofMinutes(config.intValue("auth.lockout.minutes", 15, 1, 1440))),
                    tokens, revocations, cache,
                    new PlatformAdmin(config.string("platform.admin.account"),
                            passwords.hash(config.string("platform.admin.password"))),
                    Duration.ofHours(config.intValue("auth.token.ttl.hours", 24, 1, 720)), kicks);
            TenantEndpoint tenants = new TenantEndpoint(tx, passwords);
            DepartmentEndpoint departments = new DepartmentEndpoint(tx, scopes, invalidation);
            UserEndpoint users = new UserEndpoint(tx, scopes, passwords, revocations,
                    kicks, invalidation);
            VisibilityEndpoint visibility = new VisibilityEndpoint(tx, scopes, cache, invalidation);
            GroupEndpoint groups = new GroupEndpoint(tx, cache, invalidation, new GroupEventPublisher(producer));
            AuthorizationEndpoint authorization = new AuthorizationEndpoint(cache);
            DirectoryEndpoint directory = new DirectoryEndpoint(cache, new DirectoryCache(tx, cache,
                    Duration.ofSeconds(config.intValue("directory.cache.ttl.seconds", 600, 1, 86_400)),
                    config.intValue("directory.cache.max-tenants", 64, 1, 100_000)), groups::nameOf);

            host.dubbo()
                    .export(AuthService.class, auth, GROUP)
                    .export(TenantService.class, tenants, GROUP)
                    .export(DepartmentService.class, departments, GROUP)
                    .export(UserService.class, users, GROUP)
                    .export(VisibilityService.class, visibility, GROUP)
                    .export(GroupService.class, groups, GROUP)
                    .export(AuthorizationService.class, authorization, GROUP)
                    .export(DirectoryService.class, directory, GROUP);
            host.admin().addCheck("db-org", JdbcHealth.of(db)).addCheck("redis", RedisHealth.of(redis));
        });
    }

    /** {@code auth.token.secret}: base64 of at least 32 bytes. */
    public static byte[] tokenSecret(ImConfig config) {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(config.string("auth.token.secret"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("key 'auth.token.secret' must be base64: " + e.getMessage());
        }
        if (secret.length < 32) {
            throw new ConfigException("key 'auth.token.secret' must decode to at least 32 bytes, was " + secret.length);
        }
        return secret;
    }
}
