package im.logic.unread;

import im.api.ImException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the unread increments of large groups: one lock per member per message does not scale (a
 * 5,000-member group at 10 msg/s would be 50,000 locked updates/s). Entries are buffered and applied
 * per user, one atomic update per member per flush ({@link UnreadCounter#applyUnlocked}, pipelined
 * {@value #CHUNK_USERS} users a round trip; the locked path only for users a read holds at that moment),
 * when {@code maxMessages} messages are buffered or {@code maxDelayMillis} after the first one,
 * whichever comes first.
 *
 * <p>Counts lag by at most about {@code maxDelayMillis} plus the flush time, and never drift: the
 * entries are durable before they are buffered, and {@link UnreadCounter} applies each at most once
 * (a read that recounts in between already includes them). A crash loses buffered increments; the
 * next rebuild from the stream (a Redis flush, or {@code UnreadCounter}'s recount on the next read)
 * restores them. The lag is recorded in the timer {@code im.unread.merge.lag}. Thread-safe.
 */
public final class UnreadMerger implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UnreadMerger.class);
    /** Bounds the buffer's memory (about 50 bytes an entry) whatever the group sizes. */
    static final int MAX_ENTRIES = 200_000;
    /** Users per pipelined round trip of a flush. */
    static final int CHUNK_USERS = 500;

    private final UnreadCounter counter;
    private final int maxMessages;
    private final long maxDelayMillis;
    private final ScheduledExecutorService ticker;
    private final ExecutorService appliers;
    private final Timer lag;
    private final Object flushing = new Object();
    private List<UnreadEntry> buffered = new ArrayList<>();
    private int bufferedMessages;
    private long firstBufferedAt;

    /**
     * @param parallelism threads applying one flush (bounded; each holds one user's lock at a time)
     */
    public UnreadMerger(UnreadCounter counter, int maxMessages, long maxDelayMillis, int parallelism,
                        MeterRegistry metrics) {
        this.counter = counter;
        this.maxMessages = maxMessages;
        this.maxDelayMillis = maxDelayMillis;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "unread-merge-tick"));
        this.appliers = Executors.newFixedThreadPool(parallelism, named("unread-merge-apply"));
        this.lag = Timer.builder("im.unread.merge.lag").description("first buffered increment to applied")
                .publishPercentiles(0.5, 0.99).register(metrics);
        long tick = Math.max(10, maxDelayMillis / 5);
        ticker.scheduleWithFixedDelay(this::flushIfDue, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Buffers one message's increments (its entries are already durable). */
    public void add(List<UnreadEntry> entries) {
        boolean full;
        synchronized (this) {
            if (buffered.isEmpty()) {
                firstBufferedAt = System.nanoTime();
            }
            buffered.addAll(entries);
            bufferedMessages++;
            full = bufferedMessages >= maxMessages || buffered.size() >= MAX_ENTRIES;
        }
        if (full) {
            ticker.execute(this::flushIfDue);
        }
    }

    /**
     * Applies everything buffered now and waits for it (tests, shutdown). Flushes run one at a time: the
     * entries of one conversation must be applied in seq order, so a later batch never overtakes an
     * earlier one, and a caller returns only after everything buffered before its call is applied.
     */
    public void flush() {
        synchronized (flushing) {
            flushNow();
        }
    }

    private void flushNow() {
        List<UnreadEntry> batch;
        long since;
        synchronized (this) {
            batch = buffered;
            since = firstBufferedAt;
            buffered = new ArrayList<>();
            bufferedMessages = 0;
        }
        if (batch.isEmpty()) {
            return;
        }
        Map<Long, List<UnreadEntry>> perUser = new HashMap<>();
        for (UnreadEntry e : batch) {
            perUser.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e);
        }
        // Users in chunks: one pipelined round trip of atomic scripts per chunk, the lock only for the few
        // users a read is working on at that moment.
        List<Map<Long, List<UnreadEntry>>> chunks = new ArrayList<>();
        Map<Long, List<UnreadEntry>> chunk = new HashMap<>();
        for (Map.Entry<Long, List<UnreadEntry>> e : perUser.entrySet()) {
            chunk.put(e.getKey(), e.getValue());
            if (chunk.size() == CHUNK_USERS) {
                chunks.add(chunk);
                chunk = new HashMap<>();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        CountDownLatch done = new CountDownLatch(chunks.size());
        for (Map<Long, List<UnreadEntry>> users : chunks) {
            appliers.execute(() -> {
                try {
                    apply(users);
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lag.record(System.nanoTime() - since, TimeUnit.NANOSECONDS);
    }

    private void apply(Map<Long, List<UnreadEntry>> users) {
        Set<Long> locked;
        try {
            locked = counter.applyUnlocked(users);
        } catch (ImException e) {
            log.warn("Failed to apply merged unread increments unlocked, taking the locks: {users={}}: {}",
                    users.size(), e.toString());
            locked = users.keySet();
        }
        for (long user : locked) {
            List<UnreadEntry> entries = users.get(user);
            try {
                counter.apply(user, entries);
            } catch (ImException | RuntimeException e) {
                // The entries are in the stream: the next read's recount or a rebuild counts them.
                log.warn("Failed to apply merged unread increments: {userId={}, entries={}}: {}", user,
                        entries.size(), e.toString());
            }
        }
    }

    private void flushIfDue() {
        boolean due;
        synchronized (this) {
            due = !buffered.isEmpty() && (bufferedMessages >= maxMessages || buffered.size() >= MAX_ENTRIES
                    || System.nanoTime() - firstBufferedAt >= TimeUnit.MILLISECONDS.toNanos(maxDelayMillis));
        }
        if (due) {
            flush();
        }
    }

    @Override
    public void close() {
        ticker.shutdown();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            flush();
            appliers.shutdown();
            appliers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
