package im.org;

import im.api.ImException;
import im.api.org.Caller;
import im.api.org.TenantCreated;
import im.infra.auth.KickAnnouncements;
import im.infra.auth.TokenCodec;
import im.infra.auth.TokenRevocations;
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
import im.testkit.Stack;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.rocketmq.client.producer.DefaultMQProducer;

/**
 * The endpoints of im-org-service wired as {@link OrgBootstrap} wires them, over the real stack,
 * without Dubbo. bcrypt cost 4 keeps the tests fast; everything else is production wiring.
 */
final class OrgFixture implements AutoCloseable {
    static final String PLATFORM_ACCOUNT = "platform-it";
    static final String PLATFORM_PASSWORD = "platform-it-pass";
    static final String PASSWORD = "Secret-pass-1";

    final Transactions tx;
    final OrgCache cache;
    final CacheInvalidation invalidation;
    final TokenCodec tokens;
    final TokenRevocations revocations;
    final AuthEndpoint auth;
    final TenantEndpoint tenants;
    final DepartmentEndpoint departments;
    final UserEndpoint users;
    final VisibilityEndpoint visibility;
    final GroupEndpoint groups;
    final AuthorizationEndpoint authorization;
    final DirectoryEndpoint directory;
    private final DefaultMQProducer producer;

    OrgFixture(Stack stack) throws Exception {
        tx = new Transactions(MyBatisFactory.create("org-it", stack.physical("org", 0), OrgMappers.all()));
        cache = new OrgCache(tx, Duration.ofSeconds(60), 100_000, 1_000_000);
        invalidation = new CacheInvalidation(cache, stack.redisson());
        PasswordHasher passwords = new PasswordHasher(4);
        tokens = new TokenCodec(OrgBootstrap.tokenSecret(stack.config()));
        revocations = new TokenRevocations(stack.redisson());
        producer = stack.rocketMq("org-it-" + UUID.randomUUID()).producer("org-it-producer");
        ScopeResolver scopes = new ScopeResolver();
        auth = new AuthEndpoint(tx, passwords, new LoginLockout(stack.redisson(), 5, Duration.ofMinutes(15)), tokens,
                revocations, cache, new PlatformAdmin(PLATFORM_ACCOUNT, passwords.hash(PLATFORM_PASSWORD)),
                Duration.ofHours(1), new KickAnnouncements(stack.redisson()));
        tenants = new TenantEndpoint(tx, passwords);
        departments = new DepartmentEndpoint(tx, scopes, invalidation);
        users = new UserEndpoint(tx, scopes, passwords, revocations, new KickAnnouncements(stack.redisson()), invalidation);
        visibility = new VisibilityEndpoint(tx, scopes, cache, invalidation);
        groups = new GroupEndpoint(tx, cache, invalidation, new GroupEventPublisher(producer));
        authorization = new AuthorizationEndpoint(cache);
        directory = new DirectoryEndpoint(cache, new DirectoryCache(tx, cache, Duration.ofMinutes(10), 16),
                groups::nameOf);
    }

    static Caller platformAdmin() {
        return new Caller(Caller.PLATFORM_TENANT_ID, Caller.PLATFORM_ADMIN_USER_ID);
    }

    /** A fresh tenant with a unique code; returns its admin. */
    Caller newTenant(String prefix) throws ImException {
        String code = (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
        TenantCreated t = tenants.createTenant(platformAdmin(), code, prefix + " Inc.", "admin", PASSWORD);
        return new Caller(t.tenantId(), t.adminUserId());
    }

    String tenantCode(Caller admin) throws ImException {
        return tx.read("tenant code", s -> s.getMapper(im.org.tenant.TenantMapper.class)
                .selectById(admin.tenantId()).code);
    }

    Caller user(Caller admin, String account, Long... departmentIds) throws ImException {
        long id = users.create(admin, account, PASSWORD, account + " name", List.of(departmentIds));
        return new Caller(admin.tenantId(), id);
    }

    @Override
    public void close() {
        invalidation.close();
        producer.shutdown();
    }
}
