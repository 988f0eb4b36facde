package im.access.session;

import im.api.ErrorCode;

/**
 * What a login attempt came to, for the connection's event loop to act on.
 *
 * @param code     OK, or why it was refused
 * @param message  for the client
 * @param identity on success, with the route already written to Redis
 * @param maxSeq   the user's stream head ({@code im:seq:<userId>}, 0 when absent)
 */
public record LoginOutcome(ErrorCode code, String message, SessionIdentity identity, long maxSeq) {

    public static LoginOutcome ok(SessionIdentity identity, long maxSeq) {
        return new LoginOutcome(ErrorCode.OK, "", identity, maxSeq);
    }

    public static LoginOutcome refused(ErrorCode code, String message) {
        return new LoginOutcome(code, message, null, 0);
    }
}
