package im.org.auth;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.AuthService;
import im.api.org.Caller;
import im.api.org.LoginResult;
import im.infra.audit.AuditLog;
import im.infra.auth.AccessToken;
import im.infra.auth.KickAnnouncements;
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

/**
 * {@link AuthService} over Dubbo: password login with lockout, token issue, logout, verification.
 * One refusal for unknown tenant, unknown account, wrong password and disabled account, so the API
 * does not tell which accounts exist. Thread-safe.
 */
public final class AuthEndpoint implements AuthService {
    private static final AuditLog audit = AuditLog.of("login");
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
    private final KickAnnouncements kicks;

    public AuthEndpoint(Transactions tx, PasswordHasher passwords, LoginLockout lockout, TokenCodec tokens,
                        TokenRevocations revocations, OrgCache cache, PlatformAdmin platformAdmin, Duration tokenTtl,
                        KickAnnouncements kicks) {
        this.tx = tx;
        this.passwords = passwords;
        this.lockout = lockout;
        this.tokens = tokens;
        this.revocations = revocations;
        this.cache = cache;
        this.platformAdmin = platformAdmin;
        this.tokenTtl = tokenTtl;
        this.kicks = kicks;
    }

    @Override
    public LoginResult login(String tenantCode, String account, String password) throws ImException {
        if (blankOrLonger(tenantCode, 32) || blankOrLonger(account, 64) || password == null || password.isEmpty()
                || password.length() > 128) {
            throw new ImException(ErrorCode.BAD_REQUEST, "tenantCode, account and password are required");
        }
        if (lockout.isLocked(tenantCode, account)) {
            audit.write("Login refused (locked)", "tenant", tenantCode, "account", account);
            throw LOCKED;
        }
        LoginResult result = Caller.PLATFORM_TENANT_CODE.equals(tenantCode)
                ? platformLogin(account, password)
                : userLogin(tenantCode, account, password);
        if (result == null) {
            lockout.recordFailure(tenantCode, account);
            audit.write("Login failed", "tenant", tenantCode, "account", account);
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
        return issue(tenantId, userId, System.currentTimeMillis());
    }

    /** A token issued at {@code now}: not before a {@code revokeAllBefore(now)}, so it stays valid. */
    private LoginResult issue(long tenantId, long userId, long now) {
        AccessToken token = new AccessToken(tokens.newTokenId(), tenantId, userId, now, now + tokenTtl.toMillis());
        return new LoginResult(tokens.encode(token), userId, tenantId, token.expiresAt());
    }

    @Override
    public void logout(String token) throws ImException {
        AccessToken t = verify(token);
        revocations.revoke(t, System.currentTimeMillis());
        // Each access node closes those of the user's sessions whose token is revoked now (this one).
        kicks.announce(t.userId(), KickAnnouncements.REASON_TOKEN_REVOKED, "logged out");
    }

    @Override
    public LoginResult changePassword(String token, String oldPassword, String newPassword) throws ImException {
        AccessToken t = verify(token);
        if (t.tenantId() == Caller.PLATFORM_TENANT_ID) {
            throw new ImException(ErrorCode.FORBIDDEN, "the platform admin's password is deploy configuration");
        }
        if (oldPassword == null || oldPassword.isEmpty() || oldPassword.length() > 128) {
            throw new ImException(ErrorCode.BAD_REQUEST, "oldPassword is required");
        }
        UserRow user = tx.read("read password", s -> s.getMapper(UserMapper.class).selectById(t.userId()));
        if (user == null || Boolean.TRUE.equals(user.disabled) || user.tenantId != t.tenantId()) {
            throw REVOKED;
        }
        String checked = PasswordStrength.check(newPassword, user.account, oldPassword);
        if (lockout.isLocked(String.valueOf(t.tenantId()), user.account + "#password")) {
            throw LOCKED;
        }
        if (!passwords.matches(oldPassword, user.passwordHash)) {
            lockout.recordFailure(String.valueOf(t.tenantId()), user.account + "#password");
            audit.write("Password change refused (wrong old password)", "userId", t.userId());
            throw new ImException(ErrorCode.FORBIDDEN, "oldPassword is wrong");
        }
        String hash = passwords.hash(checked); // slow: outside the transaction
        tx.write("change password", s -> s.getMapper(UserMapper.class).setPasswordHash(t.userId(), hash));
        long now = System.currentTimeMillis();
        revocations.revokeAllBefore(t.userId(), now); // every token issued so far, this one included
        revocations.revoke(t, now); // even if it was issued in this very millisecond
        kicks.announce(t.userId(), KickAnnouncements.REASON_TOKEN_REVOKED, "password changed");
        audit.write("Password changed", "userId", t.userId());
        return issue(t.tenantId(), t.userId(), now);
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
