package im.client;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import im.api.ErrorCode;
import im.api.protocol.Command;
import im.api.protocol.CommonResp;
import im.api.protocol.ConvListReq;
import im.api.protocol.ConvListResp;
import im.api.protocol.ConvType;
import im.api.protocol.Kickout;
import im.api.protocol.LoginReq;
import im.api.protocol.LoginResp;
import im.api.protocol.MsgAck;
import im.api.protocol.MsgPush;
import im.api.protocol.Platform;
import im.api.protocol.ReadReq;
import im.api.protocol.ReadSync;
import im.api.protocol.RecallReq;
import im.api.protocol.ReceiptNotify;
import im.api.protocol.ReceiptQueryReq;
import im.api.protocol.ReceiptQueryResp;
import im.api.protocol.SendReq;
import im.api.protocol.SendResp;
import im.api.protocol.SyncReq;
import im.api.protocol.SyncResp;
import im.client.internal.Backoff;
import im.client.internal.StreamState;
import im.client.transport.Frame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One user's device on the IM: a long connection to an access node that logs in, keeps itself alive
 * and comes back by itself, and a complete, ordered, de-duplicated view of the user's stream.
 *
 * <ul>
 *   <li>Reconnects with exponential backoff and jitter, trying the next endpoint on failure; logs in
 *       again, then SYNCs from the last seq it holds, then re-sends every send still unanswered with
 *       the same {@code client_msg_id} (the server de-duplicates).</li>
 *   <li>SYNCs after login and whenever a pushed seq is not the next one; acknowledges cumulatively.</li>
 *   <li>Does not reconnect after a KICKOUT, a refused login (bad, expired or revoked token) or
 *       {@link #close()}; a login answered BUSY, RATE_LIMITED or INTERNAL is retried with backoff.</li>
 * </ul>
 *
 * <p>Thread-safe: every method may be called from any thread; all state lives on one event loop of
 * the shared group, so thousands of clients share a few threads. Futures complete on that loop.
 */
public final class ImClient implements AutoCloseable {

    /** Connection state, as reported to {@link ImListener#onStateChange}. */
    public enum State { DISCONNECTED, CONNECTING, LOGGED_IN, CLOSED }

    private final ImClientOptions options;
    private final EventLoop loop;
    private final ImListener listener;
    private final ClientConnector connector;
    private final Backoff backoff;
    private final StreamState stream;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final Map<String, OutgoingSend> outbox = new LinkedHashMap<>();

    private List<Endpoint> endpoints = List.of();
    private int endpointIndex;
    private int endpointsTried;
    private LoginReq login;
    private CompletableFuture<LoginResp> firstLogin;
    private Channel channel;
    private State state = State.DISCONNECTED;
    private int nextSeq = 1;
    private boolean syncing;
    private boolean syncAgain;
    private long ackedSeq;
    private boolean startAtLogin;

    /**
     * {@code initialMaxSeq} for a device that wants only what arrives from now on (a bot, a one-shot
     * command, a load generator): its stream starts at the server's max_seq of the first login, so
     * the backlog is not synced. Later reconnects sync from there as usual.
     */
    public static final long FROM_FIRST_LOGIN = -1;

    /**
     * @param group          the event-loop group shared by many clients; not closed by this client
     * @param initialMaxSeq  the highest seq this device already holds (0 for a new device), or
     *                       {@link #FROM_FIRST_LOGIN}
     */
    public ImClient(ImClientOptions options, EventLoopGroup group, ImListener listener, long initialMaxSeq) {
        if (initialMaxSeq < FROM_FIRST_LOGIN) {
            throw new IllegalArgumentException("initialMaxSeq must be >= 0 or FROM_FIRST_LOGIN: " + initialMaxSeq);
        }
        this.options = options;
        this.loop = group.next();
        this.listener = listener;
        this.connector = new ClientConnector(options, loop, new Inbound());
        this.backoff = new Backoff(options.reconnectBase().toMillis(), options.reconnectMax().toMillis());
        this.startAtLogin = initialMaxSeq == FROM_FIRST_LOGIN;
        long start = Math.max(0, initialMaxSeq);
        this.stream = new StreamState(start, 10_000);
        this.ackedSeq = start;
    }

    /**
     * An event-loop group for many clients: epoll where the platform has it, else NIO. The caller
     * owns it and shuts it down after closing its clients.
     */
    public static EventLoopGroup newEventLoopGroup(int threads, String threadNamePrefix) {
        DefaultThreadFactory factory = new DefaultThreadFactory(threadNamePrefix, true);
        return Epoll.isAvailable() ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    /**
     * Connects to the first endpoint that answers and logs in. The future completes with the first
     * login's answer (code 0) or fails with {@link ImClientException}; later reconnects are silent
     * apart from {@link ImListener#onStateChange}.
     */
    public CompletableFuture<LoginResp> connect(List<Endpoint> endpoints, String token, String deviceId,
                                                Platform platform) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no endpoint to connect to");
        }
        CompletableFuture<LoginResp> result = new CompletableFuture<>();
        loop.execute(() -> {
            if (state != State.DISCONNECTED || firstLogin != null) {
                result.completeExceptionally(new IllegalStateException("connect() may be called once"));
                return;
            }
            this.endpoints = List.copyOf(endpoints);
            this.login = LoginReq.newBuilder().setToken(token).setDeviceId(deviceId).setPlatform(platform).build();
            this.firstLogin = result;
            connectNext();
        });
        return result;
    }

    /**
     * Sends a message. An empty {@code client_msg_id} gets a random one. The future completes with
     * the server's answer (check its code), after as many transmissions as
     * {@link ImClientOptions#sendAttempts} allows, across reconnects: a send without an answer, or
     * answered BUSY or RATE_LIMITED, goes again with the same {@code client_msg_id} after a short backoff.
     */
    public CompletableFuture<SendResp> send(SendReq request) {
        SendReq req = request.getClientMsgId().isEmpty()
                ? request.toBuilder().setClientMsgId(UUID.randomUUID().toString()).build() : request;
        CompletableFuture<SendResp> result = new CompletableFuture<>();
        loop.execute(() -> {
            if (state == State.CLOSED) {
                result.completeExceptionally(new ImClientException(ErrorCode.BUSY.code(), "client closed"));
                return;
            }
            OutgoingSend out = new OutgoingSend(req, result);
            if (outbox.putIfAbsent(req.getClientMsgId(), out) != null) {
                result.completeExceptionally(new IllegalArgumentException("client_msg_id already in flight: "
                        + req.getClientMsgId()));
                return;
            }
            if (state == State.LOGGED_IN) {
                transmit(out);
            }
        });
        return result;
    }

    public CompletableFuture<SyncResp> sync(long sinceSeq, int limit) {
        return request(Command.SYNC_REQ, SyncReq.newBuilder().setSinceSeq(sinceSeq).setLimit(limit).build(),
                Command.SYNC_RESP, SyncResp::parseFrom);
    }

    public CompletableFuture<CommonResp> recall(long msgId) {
        return request(Command.RECALL_REQ, RecallReq.newBuilder().setMsgId(msgId).build(), Command.RECALL_RESP,
                CommonResp::parseFrom);
    }

    public CompletableFuture<CommonResp> read(ConvType convType, long convId, long readSeq) {
        return request(Command.READ_REQ, ReadReq.newBuilder().setConvType(convType).setConvId(convId)
                .setReadSeq(readSeq).build(), Command.READ_RESP, CommonResp::parseFrom);
    }

    public CompletableFuture<ReceiptQueryResp> receipts(long msgId) {
        return request(Command.RECEIPT_QUERY_REQ, ReceiptQueryReq.newBuilder().setMsgId(msgId).build(),
                Command.RECEIPT_QUERY_RESP, ReceiptQueryResp::parseFrom);
    }

    public CompletableFuture<ConvListResp> conversations(int limit) {
        return request(Command.CONV_LIST_REQ, ConvListReq.newBuilder().setLimit(limit).build(),
                Command.CONV_LIST_RESP, ConvListResp::parseFrom);
    }

    /** The highest seq held without a gap. */
    public CompletableFuture<Long> maxSeq() {
        return CompletableFuture.supplyAsync(stream::maxSeq, loop);
    }

    public CompletableFuture<State> state() {
        return CompletableFuture.supplyAsync(() -> state, loop);
    }

    /**
     * Logs out (best effort) and closes; no reconnect; pending futures fail. Idempotent, and a no-op
     * once the client's event loop has shut down (its connection is gone with it).
     */
    @Override
    public void close() {
        try {
            loop.execute(this::closeOnLoop);
        } catch (RejectedExecutionException e) {
            // the loop group was shut down first: nothing is left to close
        }
    }

    private void closeOnLoop() {
        if (state == State.CLOSED) {
            return;
        }
        Channel ch = channel;
        if (ch != null && ch.isActive() && state == State.LOGGED_IN) {
            ch.writeAndFlush(Frame.of(Command.LOGOUT_REQ.number(), allocateSeq()));
        }
        setState(State.CLOSED);
        failAll("client closed");
        if (ch != null) {
            ch.close();
        }
    }

    // ---- connection lifecycle (all on the event loop) --------------------------------------------

    private void connectNext() {
        if (state == State.CLOSED) {
            return;
        }
        setState(State.CONNECTING);
        Endpoint endpoint = endpoints.get(endpointIndex % endpoints.size());
        ChannelFuture connecting;
        try {
            connecting = connector.connect(endpoint);
        } catch (IllegalArgumentException e) {
            setState(State.CLOSED); // no address for this transport: retrying cannot help
            failAll(e.getMessage());
            if (firstLogin != null) {
                firstLogin.completeExceptionally(new ImClientException(ErrorCode.BAD_REQUEST.code(), e.getMessage()));
            }
            return;
        }
        connecting.addListener(f -> loop.execute(() -> {
            if (!f.isSuccess()) {
                endpointIndex++;
                if (++endpointsTried < endpoints.size()) {
                    connectNext(); // the next endpoint at once; the whole list failing waits
                } else {
                    endpointsTried = 0;
                    scheduleReconnect();
                }
            }
        }));
    }

    private void scheduleReconnect() {
        if (state == State.CLOSED) {
            return;
        }
        setState(State.DISCONNECTED);
        loop.schedule(this::connectNext, backoff.nextDelayMillis(), TimeUnit.MILLISECONDS);
    }

    /** The transport is open (WebSocket: handshake done): log in on it. */
    private void onOpen(Channel ch) {
        if (state == State.CLOSED) {
            ch.close();
            return;
        }
        channel = ch;
        endpointsTried = 0;
        request(Command.LOGIN_REQ, login, Command.LOGIN_RESP, LoginResp::parseFrom).whenComplete((resp, error) -> {
            if (error != null) {
                ch.close(); // a timeout or a lost connection: the close handler reconnects
            } else if (isTransient(resp.getCode())) {
                ch.close(); // an overloaded node (e.g. its login queue is full in a reconnect storm): back off, retry
            } else if (resp.getCode() != ErrorCode.OK.code()) {
                setState(State.CLOSED); // a refused token does not become valid by retrying
                failAll("login refused: " + resp.getMessage());
                if (firstLogin != null) {
                    firstLogin.completeExceptionally(new ImClientException(resp.getCode(), resp.getMessage()));
                }
                ch.close();
            } else {
                backoff.reset();
                setState(State.LOGGED_IN);
                if (firstLogin != null) {
                    firstLogin.complete(resp);
                    firstLogin = null;
                }
                if (startAtLogin) {
                    startAtLogin = false;
                    stream.startAt(resp.getMaxSeq());
                    ackedSeq = Math.max(ackedSeq, resp.getMaxSeq());
                }
                if (resp.getMaxSeq() > stream.maxSeq()) {
                    startSync();
                } else {
                    listener.onSynced(stream.maxSeq());
                }
                for (OutgoingSend out : List.copyOf(outbox.values())) {
                    transmit(out);
                }
            }
        });
    }

    private static boolean isRetryableSend(int code) {
        return code == ErrorCode.BUSY.code() || code == ErrorCode.RATE_LIMITED.code();
    }

    /** Login answers that say "not now" rather than "never": the client retries with backoff. */
    private static boolean isTransient(int code) {
        return code == ErrorCode.BUSY.code() || code == ErrorCode.RATE_LIMITED.code()
                || code == ErrorCode.INTERNAL.code();
    }

    private void onClosed(Channel ch) {
        if (ch != channel) {
            return;
        }
        channel = null;
        syncing = false;
        for (Pending p : List.copyOf(pending.values())) {
            if (p.send == null) {
                fail(p, ErrorCode.BUSY.code(), "connection lost");
            } else {
                p.timeout.cancel(false); // stays in the outbox; sent again after the next login
            }
        }
        pending.clear();
        if (state != State.CLOSED) {
            endpointIndex++; // the node may be gone: prefer the next one
            scheduleReconnect();
        }
    }

    // ---- requests -----------------------------------------------------------------------------

    private <T> CompletableFuture<T> request(Command cmd, MessageLite body, Command respCmd, Parser<T> parser) {
        CompletableFuture<Frame> answer = new CompletableFuture<>();
        loop.execute(() -> {
            Channel ch = channel;
            if (ch == null || (state != State.LOGGED_IN && cmd != Command.LOGIN_REQ)) {
                answer.completeExceptionally(new ImClientException(ErrorCode.BUSY.code(), "not logged in"));
                return;
            }
            int seq = allocateSeq();
            ScheduledFuture<?> timeout = loop.schedule(() -> timeout(seq),
                    options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            pending.put(seq, new Pending(respCmd.number(), answer, null, timeout));
            ch.writeAndFlush(new Frame(cmd.number(), seq, body.toByteArray()));
        });
        return answer.thenApply(frame -> {
            try {
                return parser.parse(frame.body());
            } catch (InvalidProtocolBufferException e) {
                throw new ImClientException(ErrorCode.BAD_REQUEST.code(), "unparsable answer to " + cmd + ": " + e);
            }
        });
    }

    private void transmit(OutgoingSend out) {
        if (channel == null) {
            return;
        }
        out.attempts++;
        int seq = allocateSeq();
        ScheduledFuture<?> timeout = loop.schedule(() -> timeout(seq),
                options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        pending.put(seq, new Pending(Command.SEND_RESP.number(), null, out, timeout));
        channel.writeAndFlush(new Frame(Command.SEND_REQ.number(), seq, out.request.toByteArray()));
    }

    private void timeout(int seq) {
        Pending p = pending.remove(seq);
        if (p == null) {
            return;
        }
        if (p.send == null) {
            p.answer.completeExceptionally(new ImClientException(ErrorCode.BUSY.code(), "request timed out"));
        } else if (p.send.attempts < options.sendAttempts()) {
            transmit(p.send); // the answer was lost or is late: same client_msg_id, the server de-duplicates
        } else {
            outbox.remove(p.send.request.getClientMsgId());
            p.send.result.completeExceptionally(new ImClientException(ErrorCode.BUSY.code(),
                    "no answer after " + p.send.attempts + " attempts"));
        }
    }

    private int allocateSeq() {
        int seq = nextSeq++;
        if (nextSeq == Integer.MAX_VALUE) {
            nextSeq = 1; // 0 is reserved for server-initiated frames
        }
        return seq;
    }

    private void failAll(String why) {
        for (Pending p : pending.values()) {
            p.timeout.cancel(false);
        }
        pending.clear();
        for (OutgoingSend out : outbox.values()) {
            out.result.completeExceptionally(new ImClientException(ErrorCode.BUSY.code(), why));
        }
        outbox.clear();
    }

    private void fail(Pending p, int code, String why) {
        p.timeout.cancel(false);
        ImClientException e = new ImClientException(code, why);
        if (p.send != null) {
            outbox.remove(p.send.request.getClientMsgId());
            p.send.result.completeExceptionally(e);
        } else {
            p.answer.completeExceptionally(e);
        }
    }

    // ---- inbound frames -------------------------------------------------------------------------

    private void onFrame(Frame frame) {
        Command cmd = Command.of(frame.cmd());
        try {
            if (frame.seq() != 0 && cmd != Command.MSG_PUSH) {
                onAnswer(frame);
                return;
            }
            if (cmd == null) {
                return; // a server-initiated command this SDK does not know yet: newer servers may add some
            }
            switch (cmd) {
                case MSG_PUSH -> onPush(MsgPush.parseFrom(frame.body()).getMessagesList());
                case RECEIPT_NOTIFY -> listener.onReceipts(ReceiptNotify.parseFrom(frame.body()));
                case READ_SYNC_NOTIFY -> listener.onReadSync(ReadSync.parseFrom(frame.body()));
                case KICKOUT -> {
                    Kickout k = Kickout.parseFrom(frame.body());
                    setState(State.CLOSED);
                    failAll("kicked out: " + k.getMessage());
                    listener.onKickout(k.getReason(), k.getMessage());
                }
                default -> {
                    // HEARTBEAT_RESP and other answers without a request id need no action
                }
            }
        } catch (InvalidProtocolBufferException e) {
            channel.close(); // the server speaks something else: start over on a fresh connection
        }
    }

    private void onAnswer(Frame frame) throws InvalidProtocolBufferException {
        Pending p = pending.remove(frame.seq());
        if (p == null) {
            return; // answered after its timeout
        }
        p.timeout.cancel(false);
        if (frame.cmd() == Command.ERROR.number()) {
            CommonResp error = CommonResp.parseFrom(frame.body());
            fail(p, error.getCode(), error.getMessage());
            return;
        }
        if (frame.cmd() != p.respCmd) {
            fail(p, ErrorCode.INTERNAL.code(), "answer cmd " + frame.cmd() + " to a request expecting " + p.respCmd);
            return;
        }
        if (p.send == null) {
            p.answer.complete(frame);
            return;
        }
        SendResp resp = SendResp.parseFrom(frame.body());
        if (isRetryableSend(resp.getCode()) && p.send.attempts < options.sendAttempts()) {
            // PROTOCOL.md: retry with backoff. The same client_msg_id makes it safe even when the
            // "busy" answer was a timeout behind which the message did get stored.
            OutgoingSend out = p.send;
            long delay = (100L << Math.min(out.attempts, 6)) + ThreadLocalRandom.current().nextLong(100);
            loop.schedule(() -> {
                if (state == State.LOGGED_IN && outbox.get(out.request.getClientMsgId()) == out) {
                    transmit(out);
                } // else: still in the outbox, sent again after the next login
            }, delay, TimeUnit.MILLISECONDS);
            return;
        }
        outbox.remove(p.send.request.getClientMsgId());
        if (resp.getCode() == ErrorCode.OK.code()) {
            stream.ownCopy(resp.getSeq(), resp.getMsgId());
        }
        p.send.result.complete(resp);
    }

    private void onPush(List<im.api.protocol.Message> messages) {
        StreamState.Accepted accepted = stream.offerPushed(messages);
        if (!accepted.deliver().isEmpty()) {
            listener.onMessages(accepted.deliver());
        }
        if (accepted.gap()) {
            startSync();
        }
        ack();
    }

    private void startSync() {
        if (syncing) {
            syncAgain = true;
            return;
        }
        syncing = true;
        syncAgain = false;
        sync(stream.maxSeq(), options.syncPageSize()).whenComplete((resp, error) -> {
            syncing = false;
            if (error != null || resp.getCode() != ErrorCode.OK.code()) {
                return; // the next login or gap syncs again
            }
            List<im.api.protocol.Message> fresh = stream.offerSynced(resp.getMessagesList());
            if (!fresh.isEmpty()) {
                listener.onMessages(fresh);
            }
            ack();
            if (resp.getHasMore() || syncAgain) {
                startSync();
            } else {
                listener.onSynced(stream.maxSeq());
            }
        });
    }

    private void ack() {
        long max = stream.maxSeq();
        if (max > ackedSeq && channel != null && state == State.LOGGED_IN) {
            ackedSeq = max;
            channel.writeAndFlush(new Frame(Command.MSG_ACK.number(), 0,
                    MsgAck.newBuilder().setMaxSeq(max).build().toByteArray()));
        }
    }

    private void setState(State next) {
        if (state != next) {
            state = next;
            listener.onStateChange(next);
        }
    }

    /** Callbacks from the transport; they arrive on the client's event loop. */
    final class Inbound implements ClientConnector.Events {
        @Override
        public void opened(Channel ch) {
            onOpen(ch);
        }

        @Override
        public void frame(Channel ch, Frame frame) {
            if (ch == channel) {
                onFrame(frame);
            }
        }

        @Override
        public void closed(Channel ch) {
            onClosed(ch);
        }
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(byte[] body) throws InvalidProtocolBufferException;
    }

    /** A request awaiting its answer: either a plain request ({@code answer}) or a send ({@code send}). */
    private record Pending(int respCmd, CompletableFuture<Frame> answer, OutgoingSend send,
                           ScheduledFuture<?> timeout) {
    }

    private static final class OutgoingSend {
        final SendReq request;
        final CompletableFuture<SendResp> result;
        int attempts;

        OutgoingSend(SendReq request, CompletableFuture<SendResp> result) {
            this.request = request;
            this.result = result;
        }
    }
}
