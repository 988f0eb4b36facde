package im.access.push;

import im.access.metrics.GatewayMetrics;
import im.access.session.Connection;
import im.access.session.PushAcks;
import im.access.session.SessionIdentity;
import im.access.transport.codec.Frame;
import im.api.access.UndeliveredPush;
import io.netty.util.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Writes server-initiated frames to connections and tracks the ones that need an ack. A
 * {@code MSG_PUSH} with an ack seq is written, then written again every {@code retryMillis} on the
 * shared timing wheel until a cumulative {@code MSG_ACK} covers it; after {@code maxTries} writes
 * and one more wait it is reported undelivered. A connection at its in-flight cap, or with a full
 * write buffer, gets nothing and the push is reported undelivered at once: the client catches up
 * with {@code SYNC}. Notifies (ack seq 0) are best effort.
 *
 * <p>Every method runs on the connection's event loop; the wheel only hands retries back to it.
 */
public final class PushDelivery implements PushAcks {
    private final Timer wheel;
    private final long retryNanos;
    private final int maxTries;
    private final int maxUnacked;
    private final String instanceId;
    private final UndeliveredReporter reporter;
    private final GatewayMetrics metrics;

    public PushDelivery(Timer wheel, long retryMillis, int maxTries, int maxUnacked, String instanceId,
                        UndeliveredReporter reporter, GatewayMetrics metrics) {
        this.wheel = wheel;
        this.retryNanos = TimeUnit.MILLISECONDS.toNanos(retryMillis);
        this.maxTries = maxTries;
        this.maxUnacked = maxUnacked;
        this.instanceId = instanceId;
        this.reporter = reporter;
        this.metrics = metrics;
    }

    /**
     * Writes {@code frame} to {@code c}. Event loop.
     *
     * @return whether it was written
     */
    public boolean deliver(Connection c, Frame frame, long ackSeq) {
        if (!c.channel().isActive()) {
            return false;
        }
        if (ackSeq <= 0) {
            if (!c.channel().isWritable()) {
                return false;
            }
            c.write(frame);
            return true;
        }
        if (c.unacked().size() >= maxUnacked || !c.channel().isWritable()) {
            report(c, ackSeq, 0);
            return false;
        }
        PendingPush p = new PendingPush(frame, ackSeq, System.nanoTime());
        c.unacked().add(p);
        send(c, p);
        return true;
    }

    private void send(Connection c, PendingPush p) {
        p.tries++;
        c.write(p.frame);
        p.retry = wheel.newTimeout(t -> c.channel().eventLoop().execute(() -> retry(c, p)), retryNanos,
                TimeUnit.NANOSECONDS);
    }

    private void retry(Connection c, PendingPush p) {
        if (p.done || !c.channel().isActive()) {
            return; // acked, or the close already reported it
        }
        if (p.tries < maxTries && c.channel().isWritable()) {
            send(c, p);
            return;
        }
        p.done = true;
        c.unacked().remove(p);
        report(c, p.ackSeq, p.tries);
    }

    @Override
    public void acked(Connection c, long maxSeq) {
        long now = System.nanoTime();
        for (PendingPush p : c.unacked().ack(maxSeq)) {
            p.done = true;
            if (p.retry != null) {
                p.retry.cancel();
            }
            metrics.pushAcked(now - p.firstWriteNanos);
        }
    }

    @Override
    public void closed(Connection c) {
        for (PendingPush p : c.unacked().drain()) {
            p.done = true;
            if (p.retry != null) {
                p.retry.cancel();
            }
            report(c, p.ackSeq, p.tries);
        }
    }

    private void report(Connection c, long ackSeq, int tries) {
        SessionIdentity id = c.identity();
        reporter.report(new UndeliveredPush(id.userId(), id.platform(), c.id(), ackSeq, tries, instanceId));
    }
}
