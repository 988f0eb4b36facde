package im.api.access;

import java.io.Serializable;

/**
 * Kicks one connection of an access node.
 *
 * @param userId       the owner the caller expects; a connection of another user is left alone
 * @param connectionId the node-local connection id from the user's route
 * @param reason       PROTOCOL.md {@code Kickout.reason}: 1 same platform logged in elsewhere, 2 account disabled,
 *                     3 token revoked
 * @param message      human-readable text for the client
 */
public record KickRequest(long userId, long connectionId, int reason, String message) implements Serializable {
}
