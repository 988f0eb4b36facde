package im.access.session;

import im.access.metrics.GatewayMetrics;
import im.access.transport.codec.Frame;
import im.api.ErrorCode;
import im.api.protocol.Command;
import im.api.protocol.CommonResp;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The login timeout, the idle timeout and the slow-consumer grace of every connection on one
 * {@link HashedWheelTimer} (one thread, 100 ms ticks).
 *
 * <p>Why a wheel and not {@code IdleStateHandler}: that handler schedules a task on the event
 * loop's priority queue per connection and reschedules it after every read, i.e. O(log n) heap
 * work and a task object per connection per period. Here a frame only writes a volatile timestamp;
 * each connection has one wheel entry (O(1) insert and cancel) that, when it fires, either closes
 * the connection or re-arms itself for the time still left. At 75 s timeouts that is one wheel
 * entry per connection per 75 s, whatever the heartbeat rate. The wheel thread never touches a
 * channel: it hands the close to the connection's event loop.
 *
 * <p>Thread-safe.
 */
public final class ConnectionTimers implements AutoCloseable {
    private final Timer wheel;
    private final GatewayMetrics metrics;
    private final long loginTimeoutNanos;
    private final long idleTimeoutNanos;
    private final long slowConsumerNanos;

    public ConnectionTimers(Timer wheel, GatewayMetrics metrics, long loginTimeoutMillis, long idleTimeoutMillis,
                            long slowConsumerMillis) {
        this.wheel = wheel;
        this.metrics = metrics;
        this.loginTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(loginTimeoutMillis);
        this.idleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMillis);
        this.slowConsumerNanos = TimeUnit.MILLISECONDS.toNanos(slowConsumerMillis);
    }

    /** The wheel, for other per-connection timeouts of this node (push retries). */
    public Timer wheel() {
        return wheel;
    }

    /** Closes {@code c} with ERROR 1001 unless it is logged in by then. Event loop. */
    void watchLogin(Connection c) {
        c.watchdog(wheel.newTimeout(t -> c.channel().eventLoop().execute(() -> {
            if (c.state() == Connection.State.CONNECTED || c.state() == Connection.State.LOGGING_IN) {
                metrics.closed("login_timeout");
                c.writeAndClose(Frame.of(Command.ERROR, 0, CommonResp.newBuilder()
                        .setCode(ErrorCode.UNAUTHENTICATED.code()).setMessage("no LOGIN_REQ in time").build()));
            }
        }), loginTimeoutNanos, TimeUnit.NANOSECONDS));
    }

    /** Replaces the login timeout by the idle timeout. Event loop. */
    void watchIdle(Connection c) {
        cancel(c.watchdog());
        c.watchdog(wheel.newTimeout(t -> checkIdle(c, t), idleTimeoutNanos, TimeUnit.NANOSECONDS));
    }

    private void checkIdle(Connection c, Timeout t) {
        if (!c.channel().isOpen()) {
            return;
        }
        long idleFor = System.nanoTime() - c.lastReadNanos();
        if (idleFor >= idleTimeoutNanos) {
            c.channel().eventLoop().execute(() -> {
                if (c.state() != Connection.State.CLOSED) {
                    metrics.closed("idle");
                    c.state(Connection.State.CLOSED);
                    c.channel().close();
                }
            });
        } else {
            // Handing the new timeout to the event loop keeps watchdog() confined to it.
            Timeout next = wheel.newTimeout(n -> checkIdle(c, n), idleTimeoutNanos - idleFor, TimeUnit.NANOSECONDS);
            c.channel().eventLoop().execute(() -> {
                if (c.state() == Connection.State.CLOSED) {
                    next.cancel();
                } else {
                    c.watchdog(next);
                }
            });
        }
    }

    /** The channel became unwritable: close it if it still is after the grace. Event loop. */
    void watchSlowConsumer(Connection c) {
        if (c.slowConsumerTimer() != null) {
            return;
        }
        c.slowConsumerTimer(wheel.newTimeout(t -> c.channel().eventLoop().execute(() -> {
            c.slowConsumerTimer(null);
            if (!c.channel().isWritable() && c.state() != Connection.State.CLOSED) {
                metrics.closed("slow_consumer");
                c.state(Connection.State.CLOSED);
                c.channel().close();
            }
        }), slowConsumerNanos, TimeUnit.NANOSECONDS));
    }

    /** Writable again. Event loop. */
    void writable(Connection c) {
        cancel(c.slowConsumerTimer());
        c.slowConsumerTimer(null);
    }

    /** Frees the connection's wheel entries at once instead of when they would fire. Event loop. */
    void closed(Connection c) {
        cancel(c.watchdog());
        cancel(c.slowConsumerTimer());
        c.watchdog(null);
        c.slowConsumerTimer(null);
    }

    private static void cancel(Timeout t) {
        if (t != null) {
            t.cancel();
        }
    }

    @Override
    public void close() {
        wheel.stop();
    }
}
