package im.access.session;

import im.access.metrics.GatewayMetrics;
import im.access.transport.codec.Frame;
import im.api.protocol.Command;
import im.api.protocol.Kickout;

/**
 * Kicks connections of this node: {@code KICKOUT} then close, on the connection's event loop.
 * Thread-safe.
 */
public final class SessionKicker {
    /** PROTOCOL.md {@code Kickout.reason}: same platform logged in elsewhere. */
    public static final int REASON_LOGGED_IN_ELSEWHERE = 1;

    private final SessionRegistry registry;
    private final GatewayMetrics metrics;

    public SessionKicker(SessionRegistry registry, GatewayMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    /**
     * Kicks connection {@code connectionId} if it is here and belongs to {@code userId}.
     *
     * @return whether it was found
     */
    public boolean kick(long connectionId, long userId, int reason, String message) {
        Connection c = registry.byId(connectionId);
        if (c == null || c.identity() == null || c.identity().userId() != userId) {
            return false;
        }
        kick(c, reason, message);
        return true;
    }

    /** Kicks {@code c}; a connection already closing is left alone. */
    public void kick(Connection c, int reason, String message) {
        c.channel().eventLoop().execute(() -> {
            if (c.state() == Connection.State.CLOSED) {
                return;
            }
            metrics.kick("local");
            c.writeAndClose(Frame.of(Command.KICKOUT, 0,
                    Kickout.newBuilder().setReason(reason).setMessage(message == null ? "" : message).build()));
        });
    }
}
