package im.api.org;

import im.api.ImException;

/**
 * Login and logout. Tokens are HMAC-signed ({@code im.infra.auth.TokenCodec}) so every tier verifies
 * them locally; revocation (logout, disabled account) is in Redis and seen by all nodes at once.
 */
public interface AuthService {

    /**
     * Checks the password (a salted bcrypt hash) and issues a token. The platform admin uses
     * tenant code {@link Caller#PLATFORM_TENANT_CODE}.
     *
     * @throws ImException {@code BAD_REQUEST} for malformed input, {@code UNAUTHENTICATED} for an
     *                     unknown tenant or account, a wrong password or a disabled account (one
     *                     answer for all, so the API does not reveal which accounts exist),
     *                     {@code RATE_LIMITED} while the account is locked after repeated failures
     */
    LoginResult login(String tenantCode, String account, String password) throws ImException;

    /**
     * Revokes one token (its other tokens stay valid).
     *
     * @throws ImException {@code UNAUTHENTICATED} when the token is not valid anyway
     */
    void logout(String token) throws ImException;

    /**
     * Verifies a token: signature, expiry, revocation, and that the user is still enabled.
     *
     * @throws ImException {@code UNAUTHENTICATED} when it is malformed, forged, expired or revoked
     */
    Caller authenticate(String token) throws ImException;
}
