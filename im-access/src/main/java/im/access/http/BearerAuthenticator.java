package im.access.http;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.Caller;
import im.infra.auth.AccessToken;
import im.infra.auth.TokenCodec;
import im.infra.auth.TokenRevocations;

/**
 * Turns an {@code Authorization: Bearer TOKEN} header into the {@link Caller} it names: signature
 * and expiry checked locally, revocation (logout, disabled account) with one Redis round trip.
 * Thread-safe.
 */
final class BearerAuthenticator {
    private static final String PREFIX = "Bearer ";
    private static final ImException MISSING = ImException.stackless(ErrorCode.UNAUTHENTICATED,
            "missing Authorization: Bearer token");
    private static final ImException REVOKED = ImException.stackless(ErrorCode.UNAUTHENTICATED, "token revoked");

    private final TokenCodec tokens;
    private final TokenRevocations revocations;

    BearerAuthenticator(TokenCodec tokens, TokenRevocations revocations) {
        this.tokens = tokens;
        this.revocations = revocations;
    }

    Caller authenticate(String authorizationHeader) throws ImException {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw MISSING;
        }
        AccessToken token = tokens.verify(authorizationHeader.substring(PREFIX.length()).trim(),
                System.currentTimeMillis());
        if (revocations.isRevoked(token)) {
            throw REVOKED;
        }
        return new Caller(token.tenantId(), token.userId());
    }

    /** The raw token of the header, for logout. */
    static String rawToken(String authorizationHeader) throws ImException {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw MISSING;
        }
        return authorizationHeader.substring(PREFIX.length()).trim();
    }
}
