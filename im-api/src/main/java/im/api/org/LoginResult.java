package im.api.org;

import java.io.Serializable;

/**
 * A successful login: the bearer token for HTTP calls and for the gateway's {@code LOGIN_REQ}.
 *
 * @param token     the signed bearer token
 * @param userId    the user (0 for the platform admin)
 * @param tenantId  the user's tenant (0 for the platform admin)
 * @param expiresAt epoch millis after which the token is refused
 */
public record LoginResult(String token, long userId, long tenantId, long expiresAt) implements Serializable {
}
