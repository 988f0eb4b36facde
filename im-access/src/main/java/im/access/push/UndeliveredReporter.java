package im.access.push;

import im.access.metrics.GatewayMetrics;
import im.api.access.PushDeliveryListener;
import im.api.access.UndeliveredPush;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports undelivered pushes to the logic tier ({@link PushDeliveryListener}, group im-logic) in
 * batches of up to 500 every 500 ms from one named thread, asynchronously. The queue holds 20,000;
 * past that, and when a call fails (no provider yet, timeout), the reports are dropped and counted:
 * the client still {@code SYNC}s on its next login, which is the source of truth. Thread-safe.
 */
public final class UndeliveredReporter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UndeliveredReporter.class);
    private static final int BATCH = 500;

    private final BlockingQueue<UndeliveredPush> queue = new ArrayBlockingQueue<>(20_000);
    private final Supplier<PushDeliveryListener> listener;
    private final GatewayMetrics metrics;
    private final ScheduledExecutorService flusher =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("access-undelivered", true));
    private long failures;

    /** @param listener the logic tier's listener; asked at each flush, so it may come up later */
    public UndeliveredReporter(Supplier<PushDeliveryListener> listener, GatewayMetrics metrics) {
        this.listener = listener;
        this.metrics = metrics;
        flusher.scheduleWithFixedDelay(this::flush, 500, 500, TimeUnit.MILLISECONDS);
    }

    public void report(UndeliveredPush push) {
        metrics.undelivered(1);
        if (!queue.offer(push)) {
            metrics.undeliveredReportFailed(1);
        }
    }

    private void flush() {
        while (!queue.isEmpty()) {
            List<UndeliveredPush> batch = new ArrayList<>(BATCH);
            queue.drainTo(batch, BATCH);
            try {
                listener.get().undelivered(batch).whenComplete((ok, e) -> {
                    if (e != null) {
                        failed(batch.size(), e);
                    }
                });
            } catch (RuntimeException e) {
                failed(batch.size(), e);
            }
        }
    }

    private synchronized void failed(int count, Throwable e) {
        metrics.undeliveredReportFailed(count);
        if (failures++ % 1000 == 0) { // the first and every 1000th, not one line per push
            log.warn("Failed to report undelivered pushes to im-logic: {count={}, failuresSoFar={}}: {}", count,
                    failures, e.toString());
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
    }
}
