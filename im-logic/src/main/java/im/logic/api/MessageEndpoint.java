package im.logic.api;

import com.google.protobuf.InvalidProtocolBufferException;
import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.ConversationList;
import im.api.message.MessageService;
import im.api.message.ReadResult;
import im.api.message.SendBatch;
import im.api.message.SendRequest;
import im.api.message.SendResult;
import im.api.message.SessionCaller;
import im.api.message.SyncResult;
import im.api.message.WireMessages;
import im.api.protocol.SendReq;
import im.api.protocol.SendResp;
import im.logic.conversation.ConversationListHandler;
import im.logic.push.Pusher;
import im.logic.read.ReadHandler;
import im.logic.recall.RecallHandler;
import im.logic.lane.SendLanes;
import im.logic.sync.SyncHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Dubbo provider of {@link MessageService}: validates every argument (a bad one is
 * {@code BAD_REQUEST} or {@code TOO_LARGE}, thrown at once, never an exception the consumer cannot
 * read), then hands over without waiting: a send to its lane ({@link SendLanes}), everything else to
 * the bounded {@code queries} pool. Every method returns before any store is touched, so it may run
 * on Dubbo's I/O threads (im-logic's protocol uses the {@code direct} dispatcher: requests of one
 * connection reach the lanes in the order they were sent). Unexpected failures are logged and
 * answered as {@code INTERNAL}. Thread-safe.
 */
public final class MessageEndpoint implements MessageService {
    private static final Logger log = LoggerFactory.getLogger(MessageEndpoint.class);
    static final int MAX_SYNC_LIMIT = 500;
    static final int MAX_CONV_LIMIT = 100;

    private final SendLanes lanes;
    private final SyncHandler sync;
    private final ReadHandler read;
    private final RecallHandler recall;
    private final ConversationListHandler conversations;
    private final Pusher pusher;
    private final Executor queries;

    /**
     * @param pusher  tells a reader's other devices about a read
     * @param queries bounded pool for the blocking calls (sync, read, recall, conversation list)
     */
    public MessageEndpoint(SendLanes lanes, SyncHandler sync, ReadHandler read, RecallHandler recall,
                           ConversationListHandler conversations, Pusher pusher, Executor queries) {
        this.lanes = lanes;
        this.sync = sync;
        this.read = read;
        this.recall = recall;
        this.conversations = conversations;
        this.pusher = pusher;
        this.queries = queries;
    }

    @Override
    public CompletableFuture<SendResult> send(SessionCaller caller, SendRequest r) throws ImException {
        check(caller);
        check(r != null, "request missing");
        check(r.clientMsgId() != null && !r.clientMsgId().isBlank() && r.clientMsgId().length() <= 64,
                "client_msg_id must be 1..64 characters");
        checkConv(r.convType(), r.toId());
        check(r.convType() != 1 || r.toId() != caller.userId(), "a message to oneself");
        check(r.contentType() >= 1 && r.contentType() <= 6, "content_type must be 1..6");
        check(r.text() != null && r.payload() != null, "text and payload must not be null");
        if (r.text().length() > SendRequest.MAX_TEXT_CHARS || r.payload().length > SendRequest.MAX_PAYLOAD_BYTES) {
            throw ImException.stackless(ErrorCode.TOO_LARGE, "text is at most 8192 characters, payload 32 KiB");
        }
        check(r.mentions().size() <= SendRequest.MAX_MENTIONS, "at most 100 mentions");
        return lanes.send(caller, r);
    }

    @Override
    public CompletableFuture<byte[][]> sendBatch(SendBatch batch) throws ImException {
        check(batch != null && batch.wellFormed(), "malformed send batch");
        int n = batch.size();
        byte[][] answers = new byte[n][];
        CompletableFuture<?>[] each = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            int item = i;
            String clientMsgId = "";
            CompletableFuture<SendResult> sent;
            try {
                SendReq req = SendReq.parseFrom(batch.requests()[i] == null ? new byte[0] : batch.requests()[i]);
                clientMsgId = req.getClientMsgId();
                sent = send(batch.caller(i), WireMessages.request(req));
            } catch (InvalidProtocolBufferException e) {
                sent = CompletableFuture.failedFuture(ImException.stackless(ErrorCode.BAD_REQUEST, "malformed SendReq"));
            } catch (ImException e) {
                sent = CompletableFuture.failedFuture(e);
            } catch (RuntimeException e) {
                log.error("Failed to send: {}", e.toString(), e);
                sent = CompletableFuture.failedFuture(new ImException(ErrorCode.INTERNAL, "send failed"));
            }
            String id = clientMsgId;
            each[i] = sent.handle((r, e) -> {
                answers[item] = (e == null ? SendResp.newBuilder().setCode(0).setMsgId(r.msgId()).setSeq(r.seq())
                        .setSendTime(r.sendTime()).setClientMsgId(r.clientMsgId()) : refusal(e).setClientMsgId(id))
                        .build().toByteArray();
                return null;
            });
        }
        return CompletableFuture.allOf(each).thenApply(done -> answers);
    }

    /** The {@code SendResp} of a refused send: the refusal's code and message, else INTERNAL (logged). */
    private static SendResp.Builder refusal(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof ImException e) {
            return SendResp.newBuilder().setCode(e.code().code()).setMessage(e.getMessage() == null ? "" : e.getMessage());
        }
        log.error("Failed to send: {}", cause.toString(), cause);
        return SendResp.newBuilder().setCode(ErrorCode.INTERNAL.code()).setMessage("internal error");
    }

    @Override
    public CompletableFuture<SyncResult> sync(SessionCaller caller, long sinceSeq, int limit) throws ImException {
        check(caller);
        check(sinceSeq >= 0, "since_seq must not be negative");
        check(limit >= 1 && limit <= MAX_SYNC_LIMIT, "limit must be 1..500");
        return Async.on(queries, () -> guard("sync", () -> sync.sync(caller.userId(), sinceSeq, limit)));
    }

    @Override
    public CompletableFuture<ReadResult> read(SessionCaller caller, int convType, long convId, long readSeq)
            throws ImException {
        check(caller);
        checkConv(convType, convId);
        check(readSeq >= 0, "read_seq must not be negative");
        return Async.on(queries, () -> {
            ReadResult result = guard("read", () -> read.read(caller, convType, convId, readSeq));
            try {
                pusher.readSync(caller, result);
            } catch (RuntimeException e) {
                log.warn("Failed to push read sync: {userId={}}: {}", caller.userId(), e.toString());
            }
            return result;
        });
    }

    @Override
    public CompletableFuture<Void> recall(SessionCaller caller, long msgId) throws ImException {
        check(caller);
        check(msgId > 0, "msg_id must be positive");
        return Async.on(queries, () -> guard("recall", () -> {
            recall.recall(caller, msgId);
            return null;
        }));
    }

    @Override
    public CompletableFuture<ConversationList> conversations(SessionCaller caller, int limit) throws ImException {
        check(caller);
        check(limit >= 1 && limit <= MAX_CONV_LIMIT, "limit must be 1..100");
        return Async.on(queries, () -> guard("conversations", () -> conversations.list(caller.userId(), limit)));
    }

    private static void check(SessionCaller caller) throws ImException {
        check(caller != null && caller.tenantId() > 0 && caller.userId() > 0 && caller.deviceId() != null
                && !caller.deviceId().isEmpty() && caller.deviceId().length() <= 128, "invalid session caller");
    }

    private static void checkConv(int convType, long convId) throws ImException {
        check(convType == 1 || convType == 2, "conv_type must be SINGLE or GROUP");
        check(convId > 0, "conversation id must be positive");
    }

    private static void check(boolean ok, String message) throws ImException {
        if (!ok) {
            throw ImException.stackless(ErrorCode.BAD_REQUEST, message);
        }
    }

    private interface Call<T> {
        T run() throws ImException;
    }

    private static <T> T guard(String operation, Call<T> call) throws ImException {
        try {
            return call.run();
        } catch (ImException e) {
            if (e.code() == ErrorCode.BUSY) {
                log.warn("Failed to {}: {}", operation, e.getMessage());
            }
            throw e;
        } catch (RuntimeException e) {
            log.error("Failed to {}: {}", operation, e.toString(), e);
            throw new ImException(ErrorCode.INTERNAL, operation + " failed");
        }
    }
}
