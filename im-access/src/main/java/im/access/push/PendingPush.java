package im.access.push;

import im.access.transport.codec.Frame;
import io.netty.util.Timeout;

/** A written MSG_PUSH waiting for its ack. Confined to the connection's event loop. */
final class PendingPush {
    final Frame frame;
    final long ackSeq;
    final long firstWriteNanos;
    int tries;
    Timeout retry;
    boolean done;

    PendingPush(Frame frame, long ackSeq, long firstWriteNanos) {
        this.frame = frame;
        this.ackSeq = ackSeq;
        this.firstWriteNanos = firstWriteNanos;
    }
}
