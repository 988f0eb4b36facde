package im.access.session;

import im.access.push.UnackedPushes;
import im.access.transport.Transport;
import im.access.transport.codec.Frame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.Timeout;

/**
 * One client connection and its state. Everything but {@link #lastReadNanos()} and
 * {@link #identity()} is confined to the channel's event loop: callers from other threads go
 * through {@code channel().eventLoop().execute(..)}.
 */
public final class Connection {
    /** Where a connection is in its life. */
    public enum State { CONNECTED, LOGGING_IN, ACTIVE, CLOSED }

    private final long id;
    private final Channel channel;
    private final Transport transport;
    private final RateLimiter limiter;
    private final UnackedPushes unacked = new UnackedPushes();
    private volatile long lastReadNanos;
    private volatile SessionIdentity identity;
    private State state = State.CONNECTED;
    private int consecutiveRejections;
    private long lastRouteRefreshNanos;
    private Timeout watchdog;
    private Timeout slowConsumerTimer;
    private int inFlight;

    public Connection(long id, Channel channel, Transport transport, RateLimiter limiter, long nowNanos) {
        this.id = id;
        this.channel = channel;
        this.transport = transport;
        this.limiter = limiter;
        this.lastReadNanos = nowNanos;
        this.lastRouteRefreshNanos = nowNanos;
    }

    public long id() {
        return id;
    }

    public Channel channel() {
        return channel;
    }

    public Transport transport() {
        return transport;
    }

    /** Null until login succeeded. Safe from any thread. */
    public SessionIdentity identity() {
        return identity;
    }

    /** Safe from any thread. */
    public long lastReadNanos() {
        return lastReadNanos;
    }

    /** The platform metrics tag index: 0 before login. */
    public int platformIndex() {
        SessionIdentity i = identity;
        return i == null ? 0 : i.platform();
    }

    public UnackedPushes unacked() {
        return unacked;
    }

    /** Writes and flushes; the frame is dropped silently if the channel already closed. */
    public void write(Frame frame) {
        channel.writeAndFlush(frame, channel.voidPromise());
    }

    /** Writes {@code frame} as the last thing on this connection, then closes it. */
    public void writeAndClose(Frame frame) {
        state = State.CLOSED;
        channel.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
    }

    /** Logic-tier calls of this connection not answered yet. */
    int inFlight() {
        return inFlight;
    }

    void started() {
        inFlight++;
    }

    void finished() {
        inFlight--;
    }

    State state() {
        return state;
    }

    void state(State s) {
        state = s;
    }

    void identity(SessionIdentity i) {
        identity = i;
    }

    void touch(long nowNanos) {
        lastReadNanos = nowNanos;
    }

    RateLimiter limiter() {
        return limiter;
    }

    /** Counts a rate-limited frame; returns how many in a row. */
    int rejected() {
        return ++consecutiveRejections;
    }

    void accepted() {
        consecutiveRejections = 0;
    }

    boolean routeRefreshDue(long nowNanos, long intervalNanos) {
        if (nowNanos - lastRouteRefreshNanos >= intervalNanos) {
            lastRouteRefreshNanos = nowNanos;
            return true;
        }
        return false;
    }

    Timeout watchdog() {
        return watchdog;
    }

    void watchdog(Timeout t) {
        watchdog = t;
    }

    Timeout slowConsumerTimer() {
        return slowConsumerTimer;
    }

    void slowConsumerTimer(Timeout t) {
        slowConsumerTimer = t;
    }

    @Override
    public String toString() {
        SessionIdentity i = identity;
        return "Connection{id=" + id + ", " + transport.tag()
                + (i == null ? "" : ", userId=" + i.userId() + ", platform=" + i.platform()) + "}";
    }
}
