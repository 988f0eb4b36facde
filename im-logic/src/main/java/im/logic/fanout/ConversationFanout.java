package im.logic.fanout;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.ConversationKey;
import java.sql.SQLException;
import im.logic.lane.ConvLocks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable fan-out for what the send lanes do not write: recalls, group events and messages to
 * large groups. Each becomes a {@code fanout_job} row first; then whoever holds the conversation's
 * lock ({@link ConvLocks}, the same lock the lanes take, so lanes and jobs of one conversation never
 * interleave) drains the conversation's pending jobs oldest first, each completely before the next.
 * Since every member's seqs of one job are allocated before any seq of the next job, all members hold
 * the conversation's messages in one and the same order. A lock taken over from a writer that died
 * mid-batch first repairs what that writer left ({@code repair}).
 *
 * <p>A sender waits for its own job up to {@code answerWaitMillis}; a large group's fan-out that takes
 * longer is answered as durably queued. A sweeper drains conversations whose jobs have been pending
 * longer than {@code staleMillis} (their node died or its drain failed), and repairs conversations a
 * dead lane left dirty. Thread-safe.
 */
public final class ConversationFanout implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConversationFanout.class);
    private static final int DRAIN_PAGE = 50;
    /** How often a drain waiting for its conversation's lock tries again. */
    private static final long LOCK_POLL_MILLIS = 3;

    private final ConvLocks locks;
    private final String owner;
    private final BiPredicate<ConversationKey, List<Long>> repair;
    private final FanoutJobStore jobs;
    private final FanoutProcessor processor;
    private final Consumer<FanoutProcessor.Delivery> afterDelivery;
    private final long answerWaitMillis;
    private final long staleMillis;
    private final LongSupplier clock;
    private final ScheduledExecutorService sweeper;
    private final ScheduledExecutorService keepAlive;

    /**
     * @param owner         this node's lock-owner prefix (the draining thread's name is appended)
     * @param repair        completes half-written messages of a conversation whose lock is held
     * @param afterDelivery runs after each processed job (events, pushes); must not block for long
     * @param sweeper       runs the sweeps (the caller owns and stops it)
     * @param keepAlive     extends the lock of a drain while it writes (a 10,000-member job outlives the lock
     *                      TTL); another thread than the sweeper, which drains too
     */
    public ConversationFanout(ConvLocks locks, String owner, BiPredicate<ConversationKey, List<Long>> repair,
                              FanoutJobStore jobs, FanoutProcessor processor,
                              Consumer<FanoutProcessor.Delivery> afterDelivery, long answerWaitMillis,
                              long staleMillis, LongSupplier clock, ScheduledExecutorService sweeper,
                              ScheduledExecutorService keepAlive) {
        this.keepAlive = keepAlive;
        this.locks = locks;
        this.owner = owner;
        this.repair = repair;
        this.jobs = jobs;
        this.processor = processor;
        this.afterDelivery = afterDelivery;
        this.answerWaitMillis = answerWaitMillis;
        this.staleMillis = staleMillis;
        this.clock = clock;
        this.sweeper = sweeper;
        long period = Math.max(100, staleMillis / 2);
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Makes {@code job} durable; {@link #awaitDone} then drives it.
     *
     * @throws SQLException when it could not be stored (a duplicate key: it already was)
     */
    public void enqueue(FanoutJob job) throws SQLException {
        jobs.insert(job);
    }

    /**
     * Makes {@code job} durable, then drains its conversation.
     *
     * @return the operator's seq when the job was done in time, else 0 (durably queued)
     * @throws ImException {@code BUSY} when the job could not be stored (nothing was queued)
     */
    public long submit(FanoutJob job) throws ImException {
        try {
            jobs.insert(job);
        } catch (SQLException e) {
            throw new ImException(ErrorCode.BUSY, "Failed to queue fan-out of message " + job.msgId() + ": " + e, e);
        }
        return awaitDone(job);
    }

    /**
     * Drains the job's conversation until the job is done or {@code answerWaitMillis} passed.
     *
     * @return the operator's seq, or 0 when not done yet
     */
    public long awaitDone(FanoutJob job) {
        drain(job.conv(), answerWaitMillis);
        try {
            Optional<FanoutJob> now = jobs.find(job.conv(), job.jobId());
            return now.filter(j -> j.state() == FanoutJob.DONE).map(FanoutJob::senderSeq).orElse(0L);
        } catch (SQLException e) {
            log.warn("Failed to read fan-out job state {jobId={}}: {}", job.jobId(), e.toString());
            return 0;
        }
    }

    /** Drains a conversation's pending jobs if its lock can be had within {@code waitMillis}. */
    void drain(ConversationKey conv, long waitMillis) {
        String me = owner + "/" + Thread.currentThread().getName();
        boolean held = false;
        java.util.concurrent.ScheduledFuture<?> keeping = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            ConvLocks.Acquired lock = locks.acquire(me, Map.of(conv, List.of()), clock.getAsLong()).get(conv);
            while (!lock.held()) {
                if (System.nanoTime() >= deadline) {
                    return; // the holder drains our job too
                }
                Thread.sleep(LOCK_POLL_MILLIS);
                lock = locks.acquire(me, Map.of(conv, List.of()), clock.getAsLong()).get(conv);
            }
            held = true;
            long period = Math.max(50, locks.ttlMillis() / 3);
            keeping = keepAlive.scheduleWithFixedDelay(() -> {
                try {
                    locks.extend(me, conv);
                } catch (RuntimeException e) {
                    log.warn("Failed to extend the lock of conversation {}: {}", conv, e.toString());
                }
            }, period, period, TimeUnit.MILLISECONDS);
            if (!lock.dirty().isEmpty() && !repair.test(conv, lock.dirty())) {
                locks.abandon(me, List.of(conv));
                held = false;
                return;
            }
            while (true) {
                List<FanoutJob> pending = jobs.pending(conv, DRAIN_PAGE);
                if (pending.isEmpty()) {
                    return;
                }
                for (FanoutJob job : pending) {
                    // A failure stops the drain: later jobs must not overtake this one.
                    processor.process(job).ifPresent(this::afterDelivery);
                    locks.extend(me, conv);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ImException | SQLException | RuntimeException e) {
            log.warn("Failed to drain fan-out of conversation {}: {}; the sweeper retries", conv, e.toString());
        } finally {
            if (keeping != null) {
                keeping.cancel(false);
            }
            if (held) {
                try {
                    locks.release(me, List.of(conv));
                } catch (RuntimeException e) {
                    log.warn("Failed to release the lock of conversation {} (it expires): {}", conv, e.toString());
                }
            }
        }
    }

    private void afterDelivery(FanoutProcessor.Delivery delivery) {
        try {
            afterDelivery.accept(delivery);
        } catch (RuntimeException e) {
            log.warn("Failed to run after-delivery of message {}: {}", delivery.job().msgId(), e.toString());
        }
    }

    private void sweep() {
        try {
            for (ConversationKey conv : jobs.stale(clock.getAsLong() - staleMillis, 20)) {
                drain(conv, 0);
            }
            // conversations a dead lane left half-written, with no writer since
            for (ConversationKey conv : locks.dirtySince(clock.getAsLong() - locks.ttlMillis(), 20)) {
                drain(conv, 0);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Failed to sweep stale fan-out jobs: {}", e.toString());
        }
    }

    @Override
    public void close() {
        // the sweeper's executor belongs to the composition root
    }
}
