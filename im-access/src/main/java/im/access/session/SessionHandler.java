package im.access.session;

import com.google.protobuf.InvalidProtocolBufferException;
import im.access.transport.Transport;
import im.access.transport.codec.Frame;
import im.access.transport.codec.FrameException;
import im.api.ErrorCode;
import im.api.protocol.Command;
import im.api.protocol.LoginReq;
import im.api.protocol.LoginResp;
import im.api.protocol.MsgAck;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last inbound stage of both transports ({@code session}): the login gate, the rate limit, and the
 * dispatch of every decoded {@link Frame}; the connection's open and close bookkeeping (metrics,
 * registry, route, unacknowledged pushes). One instance per channel, all work on its event loop;
 * the only off-loop step is the login itself ({@link LoginGate}), whose outcome comes back here.
 *
 * <p>Answers (PROTOCOL.md section 4): a bad frame gets {@code ERROR} with its code and a close; any
 * frame before a successful login gets {@code ERROR 1001} and a close; past the rate limit a request
 * gets its response with 1429 and a flood of them a close; requests the logic tier serves
 * ({@code SEND/SYNC/RECALL/READ/RECEIPT_QUERY/CONV_LIST}) go to {@link LogicCalls}.
 */
public final class SessionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);

    private final SessionServices s;
    private final Transport transport;
    private Connection connection;

    public SessionHandler(SessionServices services, Transport transport) {
        this.s = services;
        this.transport = transport;
    }

    /** This channel's connection; null before {@code channelActive}. */
    public Connection connection() {
        return connection;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            open(ctx); // added to a live channel: channelActive will not come (as IdleStateHandler does it)
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        open(ctx);
        super.channelActive(ctx);
    }

    private void open(ChannelHandlerContext ctx) {
        if (connection != null) {
            return;
        }
        long now = System.nanoTime();
        connection = new Connection(s.registry().nextConnectionId(), ctx.channel(), transport,
                new RateLimiter(s.ratePerSecond(), s.rateBurst(), now), now);
        s.metrics().connectionOpened(transport);
        s.timers().watchLogin(connection);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Frame frame)) {
            // e.g. an HTTP request to another path than /ws: nothing this gateway serves
            ReferenceCountUtil.release(msg);
            connection.state(Connection.State.CLOSED);
            ctx.close();
            return;
        }
        Connection c = connection;
        long now = System.nanoTime();
        c.touch(now);
        switch (c.state()) {
            case CONNECTED -> {
                if (frame.cmd() == Command.LOGIN_REQ) {
                    startLogin(c, frame);
                } else {
                    refuse(c, frame.seq(), ErrorCode.UNAUTHENTICATED, "LOGIN_REQ must be the first frame");
                }
            }
            case LOGGING_IN -> refuse(c, frame.seq(), ErrorCode.UNAUTHENTICATED, "login in progress");
            case ACTIVE -> {
                if (!c.limiter().tryAcquire(now)) {
                    rateLimited(c, frame);
                    return;
                }
                c.accepted();
                if (c.routeRefreshDue(now, s.routeRefreshNanos())) {
                    SessionIdentity id = c.identity();
                    s.routes().refresh(id.userId(), id.platform(), id.deviceId(), id.route());
                }
                dispatch(c, frame);
            }
            case CLOSED -> {
                // answered and closing: whatever else arrives is dropped
            }
        }
    }

    private void dispatch(Connection c, Frame frame) {
        switch (frame.cmd()) {
            case HEARTBEAT_REQ -> c.write(Frame.empty(Command.HEARTBEAT_RESP, frame.seq()));
            case MSG_ACK -> {
                MsgAck ack;
                try {
                    ack = MsgAck.parseFrom(frame.body());
                } catch (InvalidProtocolBufferException e) {
                    refuse(c, frame.seq(), ErrorCode.BAD_REQUEST, "MSG_ACK body does not parse");
                    return;
                }
                s.pushes().acked(c, ack.getMaxSeq());
            }
            case LOGOUT_REQ -> c.writeAndClose(ResponseFrames.common(Command.LOGOUT_RESP, frame.seq(), ErrorCode.OK, ""));
            case SEND_REQ, SYNC_REQ, RECALL_REQ, READ_REQ, RECEIPT_QUERY_REQ, CONV_LIST_REQ -> {
                try {
                    s.logic().serve(c, frame);
                } catch (InvalidProtocolBufferException e) {
                    refuse(c, frame.seq(), ErrorCode.BAD_REQUEST, frame.cmd() + " body does not parse");
                }
            }
            case LOGIN_REQ -> refuse(c, frame.seq(), ErrorCode.BAD_REQUEST, "already logged in");
            default -> refuse(c, frame.seq(), ErrorCode.BAD_REQUEST, frame.cmd() + " is not a client command");
        }
    }

    private void rateLimited(Connection c, Frame frame) {
        s.metrics().rateLimited();
        if (c.rejected() > s.maxRateRejections()) {
            s.metrics().closed("flood");
            c.writeAndClose(ResponseFrames.error(frame.seq(), ErrorCode.RATE_LIMITED, "flood: closing"));
            return;
        }
        try {
            ResponseFrames.parseRequest(frame);
            c.write(ResponseFrames.failure(frame, ErrorCode.RATE_LIMITED, "rate limited"));
        } catch (InvalidProtocolBufferException e) {
            c.write(ResponseFrames.error(frame.seq(), ErrorCode.RATE_LIMITED, "rate limited"));
        }
    }

    private void startLogin(Connection c, Frame frame) {
        LoginReq req;
        try {
            req = LoginReq.parseFrom(frame.body());
        } catch (InvalidProtocolBufferException e) {
            refuse(c, frame.seq(), ErrorCode.BAD_REQUEST, "LOGIN_REQ body does not parse");
            return;
        }
        int platform = req.getPlatformValue();
        if (platform < 1 || platform > 3 || req.getDeviceId().length() > 128 || req.getToken().isEmpty()) {
            s.metrics().login("bad_request");
            c.writeAndClose(loginResp(frame.seq(), ErrorCode.BAD_REQUEST,
                    "platform must be DESKTOP, MOBILE or WEB; device_id at most 128 characters; token required"));
            return;
        }
        c.state(Connection.State.LOGGING_IN);
        s.login().login(req, c).thenAccept(outcome -> c.channel().eventLoop().execute(
                () -> finishLogin(c, frame.seq(), outcome)));
    }

    private void finishLogin(Connection c, int seq, LoginOutcome outcome) {
        if (outcome.code() != ErrorCode.OK) {
            s.metrics().login(outcome.code().name().toLowerCase(java.util.Locale.ROOT));
            if (c.state() != Connection.State.CLOSED) {
                c.writeAndClose(loginResp(seq, outcome.code(), outcome.message()));
            }
            return;
        }
        SessionIdentity id = outcome.identity();
        if (c.state() == Connection.State.CLOSED || !c.channel().isActive()) {
            // closed while Redis was asked: the route written for it must go again
            s.routes().remove(id.userId(), id.platform(), id.route());
            return;
        }
        c.identity(id);
        c.state(Connection.State.ACTIVE);
        Connection displaced = s.registry().bind(c);
        if (displaced != null) {
            s.kicker().kick(displaced, SessionKicker.REASON_LOGGED_IN_ELSEWHERE, "logged in on another device");
        }
        s.metrics().connectionMoved(transport, 0, id.platform());
        s.metrics().login("ok");
        s.timers().watchIdle(c);
        c.write(Frame.of(Command.LOGIN_RESP, seq, LoginResp.newBuilder().setCode(0).setUserId(id.userId())
                .setTenantId(id.tenantId()).setMaxSeq(outcome.maxSeq()).setServerTime(System.currentTimeMillis())
                .build()));
    }

    private static Frame loginResp(int seq, ErrorCode code, String message) {
        return Frame.of(Command.LOGIN_RESP, seq, LoginResp.newBuilder().setCode(code.code()).setMessage(message).build());
    }

    private void refuse(Connection c, int seq, ErrorCode code, String message) {
        s.metrics().badFrame(code.code());
        c.writeAndClose(ResponseFrames.error(seq, code, message));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            s.timers().writable(connection);
        } else {
            s.timers().watchSlowConsumer(connection);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Connection c = connection;
        if (c == null || c.state() == Connection.State.CLOSED) {
            ctx.close();
            return;
        }
        if (cause instanceof FrameException bad) {
            refuse(c, bad.seq(), bad.code(), bad.getMessage());
        } else if (cause instanceof IOException) {
            c.state(Connection.State.CLOSED); // reset by peer and the like: nothing to answer
            ctx.close();
        } else {
            log.warn("Failed to handle a frame, closing: {connection={}}: {}", c, cause.toString());
            c.writeAndClose(ResponseFrames.error(0, ErrorCode.INTERNAL, "internal error"));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Connection c = connection;
        c.state(Connection.State.CLOSED);
        s.timers().closed(c);
        SessionIdentity id = c.identity();
        if (id != null) {
            s.registry().unbind(c);
            s.routes().remove(id.userId(), id.platform(), id.route());
            s.pushes().closed(c);
        }
        s.metrics().connectionClosed(transport, c.platformIndex());
        super.channelInactive(ctx);
    }
}
