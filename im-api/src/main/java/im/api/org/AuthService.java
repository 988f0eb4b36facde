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
     * Revokes one token (its other tokens stay valid) and closes the live sessions opened with it on
     * every access node ({@code KICKOUT} reason 3).
     *
     * @throws ImException {@code UNAUTHENTICATED} when the token is not valid anyway
     */
    void logout(String token) throws ImException;

    /**
     * Changes the caller's password: checks the old one and the new one's strength, then revokes
     * every token of the user (the one of this call included) and closes their live sessions on
     * every access node ({@code KICKOUT} reason 3). Answers a fresh token for the calling client.
     *
     * @param token       the caller's current token
     * @param oldPassword the current password
     * @param newPassword 8..72 bytes with at least three of: lower case, upper case, digit, other;
     *                    not containing the account, different from the old one
     * @throws ImException {@code UNAUTHENTICATED} for a bad token, {@code FORBIDDEN} for a wrong old
     *                     password or the platform admin, {@code BAD_REQUEST} for a weak new password
     */
    LoginResult changePassword(String token, String oldPassword, String newPassword) throws ImException;

    /**
     * Verifies a token: signature, expiry, revocation, and that the user is still enabled.
     *
     * @throws ImException {@code UNAUTHENTICATED} when it is malformed, forged, expired or revoked
     */
    Caller authenticate(String token) throws ImException;
}
