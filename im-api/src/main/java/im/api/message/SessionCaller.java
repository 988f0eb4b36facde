package im.api.message;

import java.io.Serializable;

/**
 * Who calls {@link MessageService}: the identity of an authenticated gateway session. The gateway
 * fills it from the verified token and the login frame, never from a client's request body.
 *
 * @param tenantId the user's tenant
 * @param userId   the user
 * @param deviceId the device of the session (1..128 characters), so that the other devices of the
 *                 user can be told apart when pushing
 * @param platform     {@code im.api.protocol.Platform} number of the session
 * @param connectionId the gateway's id of the session's connection (0 when unknown), so that pushes of
 *                     the caller's own message skip the connection that gets {@code SEND_RESP} instead
 */
public record SessionCaller(long tenantId, long userId, String deviceId, int platform, long connectionId)
        implements Serializable {
}
