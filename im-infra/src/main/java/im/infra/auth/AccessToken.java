package im.infra.auth;

/**
 * What a signed token says: who, in which tenant, since and until when. Issued by im-org-service
 * at login, verified by every tier without a database round trip ({@link TokenCodec}), revoked
 * through {@link TokenRevocations}.
 *
 * @param tokenId   random id of this token, the handle of its revocation
 * @param tenantId  the tenant the user belongs to (0 for the platform admin)
 * @param userId    the user
 * @param issuedAt  epoch millis
 * @param expiresAt epoch millis; the token is refused from then on
 */
public record AccessToken(String tokenId, long tenantId, long userId, long issuedAt, long expiresAt) {
    public AccessToken {
        if (tokenId == null || !tokenId.matches("[A-Za-z0-9_-]{8,64}")) {
            throw new IllegalArgumentException("tokenId must be 8..64 URL-safe characters");
        }
        if (expiresAt <= issuedAt) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
    }
}
