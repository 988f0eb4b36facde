package im.access.session;

import im.infra.auth.AccessToken;
import im.infra.route.Route;

/**
 * Who a connection belongs to after a successful login.
 *
 * @param userId   from the token
 * @param tenantId from the token
 * @param platform PROTOCOL.md {@code Platform} number, 1..3
 * @param deviceId the client's device id (at most 128 characters)
 * @param route    this connection's route as written to Redis
 * @param token    the token it logged in with: a revocation announcement closes it when this is revoked
 */
public record SessionIdentity(long userId, long tenantId, int platform, String deviceId, Route route,
                              AccessToken token) {
}
