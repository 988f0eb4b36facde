package im.receipt.notify;

import im.api.protocol.ReceiptCount;
import im.api.protocol.ReceiptNotify;
import im.receipt.store.ReadCount;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces count changes into {@code RECEIPT_NOTIFY} frames: changes wait in a map keyed by message
 * (a newer count replaces an older one; counts only grow, so the larger wins), and every
 * {@code intervalMillis} one flush sends each sender one frame with all its changed messages (split
 * at {@value #COUNTS_PER_FRAME} per frame). A message therefore appears at most once per interval,
 * however many reads it got. Best effort: a full map drops new changes (counted); the query stays
 * exact and the next change of a message carries its current count. Thread-safe; flushes on one
 * named daemon thread.
 */
public final class ReceiptNotifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReceiptNotifier.class);
    /** About 20 bytes each: a frame stays far below the 64 KiB body limit. */
    static final int COUNTS_PER_FRAME = 500;

    private final NotifySink sink;
    private final int maxPending;
    private final Map<Long, ReadCount> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private final Counter frames;
    private final Counter overflow;

    /**
     * @param intervalMillis how often pending changes go out: the least time between two notifies of
     *                       one message
     * @param maxPending     messages with a change waiting; beyond it changes are dropped
     */
    public ReceiptNotifier(NotifySink sink, long intervalMillis, int maxPending, MeterRegistry metrics) {
        if (intervalMillis < 1 || maxPending < 1) {
            throw new IllegalArgumentException("intervalMillis and maxPending must be positive: " + intervalMillis
                    + ", " + maxPending);
        }
        this.sink = sink;
        this.maxPending = maxPending;
        this.frames = Counter.builder("im.receipt.notify.frames").description("RECEIPT_NOTIFY frames sent")
                .register(metrics);
        this.overflow = Counter.builder("im.receipt.notify.dropped")
                .description("count changes dropped because too many were waiting").register(metrics);
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "receipt-notify-flusher");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Queues changed counts for the next flush. */
    public void offer(List<ReadCount> changes) {
        for (ReadCount c : changes) {
            if (pending.size() >= maxPending && !pending.containsKey(c.msgId())) {
                overflow.increment();
                continue;
            }
            pending.merge(c.msgId(), c, (a, b) -> a.read() >= b.read() ? a : b);
        }
    }

    /** Sends every pending change now, one frame (or more, past {@value #COUNTS_PER_FRAME}) per sender. */
    public void flush() {
        Map<Long, List<ReceiptCount>> bySender = new HashMap<>();
        for (Long msgId : List.copyOf(pending.keySet())) {
            ReadCount c = pending.remove(msgId);
            if (c != null) {
                bySender.computeIfAbsent(c.senderId(), s -> new ArrayList<>()).add(ReceiptCount.newBuilder()
                        .setMsgId(c.msgId()).setReadCount(c.read()).setUnreadCount(c.unread()).build());
            }
        }
        List<NotifySink.Frame> out = new ArrayList<>();
        bySender.forEach((sender, counts) -> {
            for (int from = 0; from < counts.size(); from += COUNTS_PER_FRAME) {
                out.add(new NotifySink.Frame(sender, ReceiptNotify.newBuilder()
                        .addAllCounts(counts.subList(from, Math.min(counts.size(), from + COUNTS_PER_FRAME))).build()));
            }
        });
        if (!out.isEmpty()) {
            sink.send(out);
            frames.increment(out.size());
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Failed to send receipt notifications: {}", e.toString());
        }
    }

    /** Stops the timer and sends what is pending. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
    }
}
