package im.org.auth;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.AuthService;
import im.api.org.Caller;
import im.api.org.LoginResult;
import im.infra.auth.AccessToken;
import im.infra.auth.TokenCodec;
import im.infra.auth.TokenRevocations;
import im.org.authz.OrgCache;
import im.org.authz.UserCard;
import im.org.store.Transactions;
import im.org.tenant.TenantMapper;
import im.org.tenant.TenantRow;
import im.org.user.UserMapper;
import im.org.user.UserRow;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AuthService} over Dubbo: password login with lockout, token issue, logout, verification.
 * One refusal for unknown tenant, unknown account, wrong password and disabled account, so the API
 * does not tell which accounts exist. Thread-safe.
 */
public final class AuthEndpoint implements AuthService {
    private static final Logger audit = LoggerFactory.getLogger("im.audit.login");
    private static final ImException REFUSED = ImException.stackless(ErrorCode.UNAUTHENTICATED,
            "wrong tenant, account or password");
    private static final ImException LOCKED = ImException.stackless(ErrorCode.RATE_LIMITED,
            "too many failed logins: account locked for a while");
    private static final ImException REVOKED = ImException.stackless(ErrorCode.UNAUTHENTICATED, "token revoked");

    private final Transactions tx;
    private final PasswordHasher passwords;
    private final LoginLockout lockout;
    private final TokenCodec tokens;
    private final TokenRevocations revocations;
    private final OrgCache cache;
    private final PlatformAdmin platformAdmin;
    private final Duration tokenTtl;

    public AuthEndpoint(Transactions tx, PasswordHasher passwords, LoginLockout lockout, TokenCodec tokens,
                        TokenRevocations revocations, OrgCache cache, PlatformAdmin platformAdmin, Duration tokenTtl) {
        this.tx = tx;
        this.passwords = passwords;
        this.lockout = lockout;
        this.tokens = tokens;
        this.revocations = revocations;
        this.cache = cache;
        this.platformAdmin = platformAdmin;
        this.tokenTtl = tokenTtl;
    }

    @Override
    public LoginResult login(String tenantCode, String account, String password) throws ImException {
        if (blankOrLonger(tenantCode, 32) || blankOrLonger(account, 64) || password == null || password.isEmpty()
                || password.length() > 128) {
            throw new ImException(ErrorCode.BAD_REQUEST, "tenantCode, account and password are required");
        }
        if (lockout.isLocked(tenantCode, account)) {
            audit.info("Login refused (locked): {tenant={}, account={}}", tenantCode, account);
            throw LOCKED;
        }
        LoginResult result = Caller.PLATFORM_TENANT_CODE.equals(tenantCode)
                ? platformLogin(account, password)
                : userLogin(tenantCode, account, password);
        if (result == null) {
            lockout.recordFailure(tenantCode, account);
            audit.info("Login failed: {tenant={}, account={}}", tenantCode, account);
            throw REFUSED;
        }
        lockout.reset(tenantCode, account);
        return result;
    }

    private LoginResult platformLogin(String account, String password) {
        if (!platformAdmin.account().equals(account)) {
            passwords.matchesNothing(password); // same time as a wrong password
            return null;
        }
        return passwords.matches(password, platformAdmin.passwordHash())
                ? issue(Caller.PLATFORM_TENANT_ID, Caller.PLATFORM_ADMIN_USER_ID) : null;
    }

    private LoginResult userLogin(String tenantCode, String account, String password) throws ImException {
        UserRow user = tx.read("read login account", s -> {
            TenantRow tenant = s.getMapper(TenantMapper.class).findByCode(tenantCode);
            return tenant == null ? null : s.getMapper(UserMapper.class).findByAccount(tenant.id, account);
        });
        if (user == null) {
            passwords.matchesNothing(password); // same time as a wrong password
            return null;
        }
        if (!passwords.matches(password, user.passwordHash) || Boolean.TRUE.equals(user.disabled)) {
            return null;
        }
        return issue(user.tenantId, user.id);
    }

    private LoginResult issue(long tenantId, long userId) {
        long now = System.currentTimeMillis();
        AccessToken token = new AccessToken(tokens.newTokenId(), tenantId, userId, now, now + tokenTtl.toMillis());
        return new LoginResult(tokens.encode(token), userId, tenantId, token.expiresAt());
    }

    @Override
    public void logout(String token) throws ImException {
        revocations.revoke(verify(token), System.currentTimeMillis());
    }

    @Override
    public Caller authenticate(String token) throws ImException {
        AccessToken t = verify(token);
        Caller caller = new Caller(t.tenantId(), t.userId());
        if (!caller.isPlatformAdmin()) {
            UserCard user = cache.user(t.userId());
            if (user == null || user.disabled() || user.tenantId() != t.tenantId()) {
                throw REVOKED;
            }
        }
        return caller;
    }

    private AccessToken verify(String token) throws ImException {
        AccessToken t = tokens.verify(token, System.currentTimeMillis());
        if (revocations.isRevoked(t)) {
            throw REVOKED;
        }
        return t;
    }

    private static boolean blankOrLonger(String s, int max) {
        return s == null || s.isBlank() || s.length() > max;
    }
}
