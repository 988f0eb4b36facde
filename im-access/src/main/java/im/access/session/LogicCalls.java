package im.access.session;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import im.access.metrics.GatewayMetrics;
import im.access.transport.codec.Frame;
import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.ConversationList;
import im.api.message.MessageService;
import im.api.message.SendBatch;
import im.api.message.SessionCaller;
import im.api.message.SyncResult;
import im.api.message.WireMessages;
import im.api.protocol.Command;
import im.api.protocol.ConvListReq;
import im.api.protocol.ConvListResp;
import im.api.protocol.ReadReq;
import im.api.protocol.RecallReq;
import im.api.protocol.ReceiptQueryReq;
import im.api.protocol.ReceiptQueryResp;
import im.api.protocol.SendReq;
import im.api.protocol.SendResp;
import im.api.protocol.SyncReq;
import im.api.protocol.SyncResp;
import im.api.receipt.ReceiptDetail;
import im.api.receipt.ReceiptService;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.dubbo.remoting.RemotingException;
import org.apache.dubbo.remoting.TimeoutException;
import org.apache.dubbo.rpc.RpcContext;
import org.apache.dubbo.rpc.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request frames the logic tier serves ({@code SEND/SYNC/RECALL/READ/CONV_LIST} through
 * {@link MessageService}, {@code RECEIPT_QUERY} through {@link ReceiptService}): each becomes an
 * asynchronous Dubbo call (the interfaces return futures), so the event loop never waits, and its
 * answer is written when the provider's answer arrives: what the client reads is what the provider
 * decided. A connection has at most {@code maxInFlight} calls open; past that a request is answered
 * with 1429 at once. With {@code maxNodeInFlight} above 0 the node has at most that many open; past
 * that a request is answered 1503 at once (retry with backoff), so under overload the admitted ones
 * wait a bounded time instead of queueing behind everything offered. Several sends of one connection
 * are in flight at once; they keep the order the device sent them in because a conversation's sends
 * all go to one logic node ({@link ConversationLoadBalance}) over one Dubbo connection, which hands
 * them to the conversation's ordering lane in arrival order. Sends travel in batches
 * ({@link SendBatcher}): the client's {@code SendReq} body goes to im-logic as it is and im-logic's
 * {@code SendResp} body comes back as it is, a refusal included.
 *
 * <p>Answers never exceed the frame body limit: a {@code SYNC} page or conversation list that would
 * is cut short ({@code has_more} tells the client to go on). Thread-safe; per-connection state is
 * confined to the connection's event loop.
 */
public final class LogicCalls {
    private static final Logger log = LoggerFactory.getLogger(LogicCalls.class);
    /** {@code ConvListReq.limit} 0 means this many. */
    static final int DEFAULT_CONV_LIMIT = 50;
    /** Room for a response's code, message and framing around its repeated entries. */
    private static final int ENVELOPE_BYTES = 512;
    private static final long UNAVAILABLE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Supplier<MessageService> messages;
    private final SendBatcher sends;
    private final Supplier<ReceiptService> receipts;
    private final GatewayMetrics metrics;
    private final int maxInFlight;
    private final int maxNodeInFlight;
    private final AtomicInteger nodeInFlight = new AtomicInteger();
    private final AtomicLong lastUnavailableLog = new AtomicLong(System.nanoTime() - UNAVAILABLE_LOG_INTERVAL_NANOS);
    private final int maxBodyBytes;

    public LogicCalls(Supplier<MessageService> messages, Supplier<ReceiptService> receipts, GatewayMetrics metrics,
                      int maxInFlight, int maxNodeInFlight, long maxSendWaitMillis, int maxBodyBytes) {
        this.messages = messages;
        this.sends = new SendBatcher(messages, TimeUnit.MILLISECONDS.toNanos(maxSendWaitMillis));
        this.receipts = receipts;
        this.metrics = metrics;
        this.maxInFlight = maxInFlight;
        this.maxNodeInFlight = maxNodeInFlight;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Serves one request of an {@code ACTIVE} connection; on its event loop.
     *
     * @throws InvalidProtocolBufferException when the body does not parse (the caller refuses it)
     */
    void serve(Connection c, Frame frame) throws InvalidProtocolBufferException {
        SessionIdentity id = c.identity();
        SessionCaller caller = new SessionCaller(id.tenantId(), id.userId(), id.deviceId(), id.platform(), c.id());
        int seq = frame.seq();
        CompletableFuture<Frame> answer = switch (frame.cmd()) {
            case SEND_REQ -> {
                SendReq req = SendReq.parseFrom(frame.body());
                if (ServerOnlyContent.refused(c, frame, req) || !admit(c, frame)) {
                    yield null;
                }
                yield sends.submit(caller, SendBatch.routeOf(id.userId(), req.getConvTypeValue(), req.getToId()),
                        frame.body()).thenApply(body -> new Frame(Command.SEND_RESP, seq, body));
            }
            case SYNC_REQ -> {
                SyncReq req = SyncReq.parseFrom(frame.body());
                yield admit(c, frame) ? call(() -> messages.get().sync(caller, req.getSinceSeq(), req.getLimit()))
                        .thenApply(r -> syncResp(seq, r)) : null;
            }
            case RECALL_REQ -> {
                RecallReq req = RecallReq.parseFrom(frame.body());
                yield admit(c, frame) ? call(() -> messages.get().recall(caller, req.getMsgId()))
                        .thenApply(r -> ResponseFrames.common(Command.RECALL_RESP, seq, ErrorCode.OK, "")) : null;
            }
            case READ_REQ -> {
                ReadReq req = ReadReq.parseFrom(frame.body());
                yield admit(c, frame) ? call(() -> messages.get().read(caller, req.getConvTypeValue(), req.getConvId(),
                        req.getReadSeq())).thenApply(r -> ResponseFrames.common(Command.READ_RESP, seq, ErrorCode.OK, ""))
                        : null;
            }
            case RECEIPT_QUERY_REQ -> {
                ReceiptQueryReq req = ReceiptQueryReq.parseFrom(frame.body());
                yield admit(c, frame) ? callSync(() -> receipts.get().query(caller, req.getMsgId()))
                        .thenApply(r -> receiptResp(seq, r)) : null;
            }
            case CONV_LIST_REQ -> {
                ConvListReq req = ConvListReq.parseFrom(frame.body());
                int limit = req.getLimit() == 0 ? DEFAULT_CONV_LIMIT : req.getLimit();
                yield admit(c, frame) ? call(() -> messages.get().conversations(caller, limit))
                        .thenApply(r -> convListResp(seq, r)) : null;
            }
            default -> throw new IllegalArgumentException(frame.cmd() + " is not served by the logic tier");
        };
        if (answer == null) {
            return;
        }
        long start = System.nanoTime();
        answer.whenComplete((response, failure) -> {
            nodeInFlight.decrementAndGet();
            Frame out = failure == null ? response : failureFrame(frame, failure);
            c.channel().eventLoop().execute(() -> {
                c.finished();
                c.write(out);
            });
            metrics.request(frame.cmd().name(), failure == null ? answeredCode(out) : code(failure).code(),
                    System.nanoTime() - start);
        });
    }

    /**
     * Counts the call in, or answers 1429 when the connection has too many open, 1503 when the node
     * has.
     */
    private boolean admit(Connection c, Frame frame) {
        if (c.inFlight() >= maxInFlight) {
            metrics.rateLimited();
            c.write(ResponseFrames.failure(frame, ErrorCode.RATE_LIMITED, "too many requests in flight"));
            return false;
        }
        if (nodeInFlight.incrementAndGet() > maxNodeInFlight && maxNodeInFlight > 0) {
            nodeInFlight.decrementAndGet();
            metrics.shed();
            c.write(ResponseFrames.failure(frame, ErrorCode.BUSY, "server busy: retry with backoff"));
            return false;
        }
        c.started();
        return true;
    }

    /** A call that returns the provider's future; one that cannot start fails the future, never the caller. */
    private interface FutureCall<T> {
        CompletableFuture<T> start() throws Exception;
    }

    /** Starts a call of an asynchronous interface; a call that cannot start fails the future, never the caller. */
    private static <T> CompletableFuture<T> call(FutureCall<T> invocation) {
        try {
            return invocation.start();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Makes a call of a synchronous interface asynchronously ({@code invocation} returns the proxy's result). */
    private static <T> CompletableFuture<T> callSync(Callable<T> invocation) {
        try {
            return RpcContext.getServiceContext().asyncCall(invocation);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Frame failureFrame(Frame request, Throwable failure) {
        ErrorCode code = code(failure);
        Throwable cause = unwrap(failure);
        String message;
        if (cause instanceof ImException e) {
            message = e.getMessage();
        } else if (isTimeout(cause)) {
            // the call may have been applied: a send is resent with the same client_msg_id, which
            // answers the original if it was stored and stores it once if it was not
            message = "no answer from the logic tier in time; the request may have been applied, resend it"
                    + (request.cmd() == Command.SEND_REQ ? " with the same client_msg_id" : "");
        } else {
            message = code == ErrorCode.BUSY ? "service unavailable, retry" : "internal error";
        }
        if (code == ErrorCode.INTERNAL) {
            log.warn("Failed to serve {}: {}", request.cmd(), cause.toString());
        } else if (!(cause instanceof ImException) && !isTimeout(cause)) {
            unavailable(request, cause);
        }
        return ResponseFrames.failure(request, code, message);
    }

    /**
     * Logs why the logic tier could not be called (no provider, a connection lost: the client's answer
     * does not say which), once a second at most: an outage fails every request of every connection.
     */
    private void unavailable(Frame request, Throwable cause) {
        long now = System.nanoTime();
        long last = lastUnavailableLog.get();
        if (now - last >= UNAVAILABLE_LOG_INTERVAL_NANOS && lastUnavailableLog.compareAndSet(last, now)) {
            log.warn("Failed to serve {} (logged once a second at most): {}", request.cmd(), cause.toString());
        }
    }

    private static boolean isTimeout(Throwable cause) {
        return cause instanceof TimeoutException
                || (cause instanceof RpcException e && e.isTimeout());
    }

    static ErrorCode code(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ImException e) {
            return e.code();
        }
        if (cause instanceof RpcException || cause instanceof RemotingException) {
            return ErrorCode.BUSY; // no provider, timeout, network: nothing was answered, a retry may work
        }
        return ErrorCode.INTERNAL;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || (cause instanceof RpcException && cause.getCause() instanceof ImException)) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The code of an answer: a {@code SEND_RESP} carries im-logic's decision, refusals included; others 0. */
    private static int answeredCode(Frame out) {
        if (out.cmd() != Command.SEND_RESP) {
            return 0;
        }
        try {
            return SendResp.parseFrom(out.body()).getCode();
        } catch (InvalidProtocolBufferException e) {
            return ErrorCode.INTERNAL.code();
        }
    }

    private Frame syncResp(int seq, SyncResult r) {
        SyncResp.Builder b = SyncResp.newBuilder().setCode(0).setMaxSeq(r.maxSeq()).setHasMore(r.hasMore());
        int added = fit(b::addMessages, r.messages(), WireMessages::message);
        if (added < r.messages().size()) {
            b.setHasMore(true);
        }
        return Frame.of(Command.SYNC_RESP, seq, b.build());
    }

    private Frame convListResp(int seq, ConversationList r) {
        ConvListResp.Builder b = ConvListResp.newBuilder().setCode(0).setTotalUnread(r.totalUnread());
        fit(b::addConversations, r.conversations(), WireMessages::conversation);
        return Frame.of(Command.CONV_LIST_RESP, seq, b.build());
    }

    private static Frame receiptResp(int seq, ReceiptDetail r) {
        return Frame.of(Command.RECEIPT_QUERY_RESP, seq, ReceiptQueryResp.newBuilder().setCode(0).setMsgId(r.msgId())
                .setReadCount(r.readUserIds().size()).setUnreadCount(r.unreadUserIds().size())
                .addAllReadUserIds(r.readUserIds()).addAllUnreadUserIds(r.unreadUserIds()).build());
    }

    /** Adds converted items in order while the body stays within the limit; returns how many. */
    private <T, M extends MessageLite> int fit(Function<M, ?> add, List<T> items, Function<T, M> convert) {
        int budget = maxBodyBytes - ENVELOPE_BYTES;
        int added = 0;
        for (T item : items) {
            M m = convert.apply(item);
            int size = m.getSerializedSize() + 5; // tag and length prefix
            if (size > budget && added > 0) {
                break;
            }
            budget -= size;
            add.apply(m);
            added++;
        }
        return added;
    }
}
