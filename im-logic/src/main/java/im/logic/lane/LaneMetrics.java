package im.logic.lane;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The lanes' meters: batch size and time, the time of each phase of a batch, queue wait, sheds, lock
 * conflicts, repeats. Thread-safe.
 */
final class LaneMetrics {
    /**
     * The steps of a lane batch, in order ({@code im_lane_phase_seconds{phase=...}}): the send checks,
     * the claims with the locks (one pipeline), the repairs a dead writer left, the seqs, the contents,
     * the entries, the answers with unread and the releases.
     */
    enum Phase { CHECK, CLAIM, LOCK, SEQ, CONTENTS, ENTRIES, FINISH }

    private final Map<Phase, Timer> phases = new EnumMap<>(Phase.class);
    private final DistributionSummary batchSize;
    private final Timer batchTime;
    private final Timer queueWait;
    private final Counter shed;
    private final Counter full;
    private final Counter lockBusy;
    private final Counter duplicates;

    LaneMetrics(MeterRegistry registry) {
        this.batchSize = DistributionSummary.builder("im.lane.batch.size").description("sends per lane batch")
                .register(registry);
        this.batchTime = Timer.builder("im.lane.batch.time").description("time to write one lane batch")
                .register(registry);
        this.queueWait = Timer.builder("im.lane.queue.wait").description("time a send waited in its lane")
                .register(registry);
        this.shed = Counter.builder("im.lane.refused").tag("reason", "queued-too-long").register(registry);
        this.full = Counter.builder("im.lane.refused").tag("reason", "queue-full").register(registry);
        this.lockBusy = Counter.builder("im.lane.lock.busy").description("conversation locked by another writer")
                .register(registry);
        this.duplicates = Counter.builder("im.lane.duplicates").description("resends answered from the claim")
                .register(registry);
        for (Phase p : Phase.values()) {
            phases.put(p, Timer.builder("im.lane.phase").tag("phase", p.name().toLowerCase(Locale.ROOT))
                    .description("time of one phase of a lane batch").register(registry));
        }
    }

    /** Times the phases of one batch on the lane's thread: each {@link #lap} closes one. Not thread-safe. */
    final class Stopwatch {
        private long last;

        Stopwatch start() {
            last = System.nanoTime();
            return this;
        }

        void lap(Phase phase) {
            long now = System.nanoTime();
            phases.get(phase).record(now - last, TimeUnit.NANOSECONDS);
            last = now;
        }
    }

    Stopwatch stopwatch() {
        return new Stopwatch();
    }

    void batch(int size, long nanos) {
        batchSize.record(size);
        batchTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    void queued(long nanos) {
        queueWait.record(nanos, TimeUnit.NANOSECONDS);
    }

    void shed() {
        shed.increment();
    }

    void full() {
        full.increment();
    }

    void lockBusy() {
        lockBusy.increment();
    }

    void duplicate() {
        duplicates.increment();
    }
}
