package im.api.access;

import im.api.ImException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Exported by every im-access node in Dubbo group {@code im-access}. A caller addresses one node
 * directly (the node named by the user's route in Redis, {@code im:route:<userId>:<platform>}), so
 * each method acts only on the connections held by the node that receives the call.
 *
 * <p>Thread-safe; every method returns without waiting for the client: writes go to the
 * connections' event loops and acknowledgements arrive later.
 */
public interface AccessPushService {

    /**
     * Writes one server-initiated frame to every connection of {@code request.userId()} on this node
     * except {@code request.excludeConnectionId()}. A {@code MSG_PUSH} with a positive
     * {@code ackSeq} is retried until the client acknowledges a {@code MSG_ACK} with
     * {@code max_seq >= ackSeq}; after the last try it is reported to {@link PushDeliveryListener}.
     *
     * @return how many connections the frame was written to (0 when the user has none here)
     * @throws ImException {@code BAD_REQUEST} for a command that is not server-initiated or a body
     *                     over the frame limit
     */
    PushResult push(PushRequest request) throws ImException;

    /**
     * {@link #push} for many users of this node in one call (a group message's online members): the
     * call returns at once and its future completes when every connection's event loop has said
     * whether it wrote. A request that is invalid gets {@code PushResult(0, 0)}, the others go on.
     *
     * @return one result per request, in order
     */
    CompletableFuture<List<PushResult>> pushAll(List<PushRequest> requests);

    /**
     * Sends {@code KICKOUT} to one connection of this node and closes it.
     *
     * @return true when the connection was here and belonged to {@code request.userId()}
     * @throws ImException {@code BAD_REQUEST} for an unknown reason
     */
    boolean kick(KickRequest request) throws ImException;
}
