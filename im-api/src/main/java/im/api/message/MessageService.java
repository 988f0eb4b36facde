package im.api.message;

import im.api.ImException;
import java.util.concurrent.CompletableFuture;

/**
 * The messaging core, exported by im-logic in group {@code im-logic} and called by im-access for
 * the frames of PROTOCOL.md (SEND, SYNC, READ, RECALL, CONV_LIST). Every method takes the
 * {@link SessionCaller} of the authenticated session; a client never names itself.
 *
 * <p>Every method is asynchronous: the provider answers by completing the returned future, so no
 * Dubbo thread waits for a batch, a lock or a database. A refusal completes the future exceptionally
 * with an {@link ImException} carrying the code; invalid arguments may also be thrown at once. The
 * answer is always what the provider decided: a completed {@code send} is durable.
 */
public interface MessageService {

    /**
     * Sends a message (PROTOCOL.md semantics 3, 4, 9): authorized through im-org-service, deduplicated
     * on {@code (sender, clientMsgId)} for 24 h, durable in every member's stream (large groups:
     * durably queued) before the future completes.
     *
     * @throws ImException {@code BAD_REQUEST} for invalid input, {@code TOO_LARGE} for an oversized
     *                     text or payload, {@code FORBIDDEN}, {@code NOT_FOUND}, {@code MUTED} from the
     *                     authorization, {@code BUSY} when nothing was stored and a retry may succeed
     */
    CompletableFuture<SendResult> send(SessionCaller caller, SendRequest request) throws ImException;

    /**
     * Sends several messages, each exactly as {@link #send} would (its own authorization, dedup and
     * answer), handed to their lanes in the batch's order. The future completes once every item is
     * answered, with one protobuf {@code SendResp} body per item in the batch's order: code 0 with
     * the stored message's ids, or the item's refusal code and message. A batch-level refusal (a
     * malformed batch) fails the future.
     *
     * @throws ImException {@code BAD_REQUEST} when the batch is not {@link SendBatch#wellFormed()}
     */
    CompletableFuture<byte[][]> sendBatch(SendBatch batch) throws ImException;

    /**
     * The caller's stream after {@code sinceSeq}, in seq order.
     *
     * @param limit 1..500
     * @throws ImException {@code BAD_REQUEST} for a negative {@code sinceSeq} or a limit out of range
     */
    CompletableFuture<SyncResult> sync(SessionCaller caller, long sinceSeq, int limit) throws ImException;

    /**
     * Moves the caller's read seq in a conversation; an older {@code readSeq} changes nothing. The
     * conversation's unread becomes the number of entries from others after it.
     *
     * @throws ImException {@code BAD_REQUEST} for a bad conv type, id or a negative seq
     */
    CompletableFuture<ReadResult> read(SessionCaller caller, int convType, long convId, long readSeq)
            throws ImException;

    /**
     * Recalls a message: the sender within 24 h of its send time, a group owner or admin or a tenant
     * admin at any time. Every member's stream gets a RECALL entry; recalling twice is a no-op.
     *
     * @throws ImException {@code NOT_FOUND} for an unknown message or one of another tenant,
     *                     {@code FORBIDDEN} when the caller may not recall it,
     *                     {@code RECALL_WINDOW_EXPIRED} after 24 h
     */
    CompletableFuture<Void> recall(SessionCaller caller, long msgId) throws ImException;

    /**
     * The caller's conversations, most recently active first, with last message and unread.
     *
     * @param limit 1..100
     * @throws ImException {@code BAD_REQUEST} for a limit out of range
     */
    CompletableFuture<ConversationList> conversations(SessionCaller caller, int limit) throws ImException;
}
