package im.logic.fanout;

import im.api.ErrorCode;
import im.api.ImException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One order per conversation, on any number of im-logic nodes: every send or recall becomes a durable
 * {@code fanout_job} row first; then whoever holds the conversation's Redisson lock
 * ({@code im:lock:conv:<type>:<id>:<peer>}) drains the conversation's pending jobs oldest first, each
 * completely before the next. Since every member's seqs of one job are allocated before any seq of
 * the next job, all members hold the conversation's messages in one and the same order.
 *
 * <p>Why a lock and not routing a conversation to one node: routing needs a consistent-hash ring kept
 * in step with the Dubbo registry and breaks order during rebalancing; the lock costs two Redis round
 * trips per drain (not per job: one holder drains everything pending) and survives node death (the
 * watchdog-held lock expires, the job row remains).
 *
 * <p>A sender waits for its own job up to {@code answerWaitMillis}; a large group's fan-out that takes
 * longer is answered as durably queued. A sweeper drains conversations whose jobs have been pending
 * longer than {@code staleMillis} (their node died or its drain failed). Thread-safe.
 */
public final class ConversationFanout implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConversationFanout.class);
    private static final int DRAIN_PAGE = 50;

    private final RedissonClient redis;
    private final FanoutJobStore jobs;
    private final FanoutProcessor processor;
    private final Consumer<FanoutProcessor.Delivery> afterDelivery;
    private final long answerWaitMillis;
    private final long staleMillis;
    private final LongSupplier clock;
    private final ScheduledExecutorService sweeper;

    /**
     * @param afterDelivery runs after each processed job (events, pushes); must not block for long
     */
    public ConversationFanout(RedissonClient redis, FanoutJobStore jobs, FanoutProcessor processor,
                              Consumer<FanoutProcessor.Delivery> afterDelivery, long answerWaitMillis,
                              long staleMillis, LongSupplier clock) {
        this.redis = redis;
        this.jobs = jobs;
        this.processor = processor;
        this.afterDelivery = afterDelivery;
        this.answerWaitMillis = answerWaitMillis;
        this.staleMillis = staleMillis;
        this.clock = clock;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fanout-sweeper");
            t.setDaemon(true);
            return t;
        });
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
    void drain(FanoutJob.ConvKey conv, long waitMillis) {
        RLock lock = redis.getLock(conv.lockName());
        boolean held = false;
        try {
            held = lock.tryLock(waitMillis, TimeUnit.MILLISECONDS);
            if (!held) {
                return; // the holder drains our job too
            }
            while (true) {
                List<FanoutJob> pending = jobs.pending(conv, DRAIN_PAGE);
                if (pending.isEmpty()) {
                    return;
                }
                for (FanoutJob job : pending) {
                    // A failure stops the drain: later jobs must not overtake this one.
                    processor.process(job).ifPresent(this::afterDelivery);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ImException | SQLException | RuntimeException e) {
            log.warn("Failed to drain fan-out of conversation {}: {}; the sweeper retries", conv, e.toString());
        } finally {
            if (held) {
                lock.unlock();
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
            for (FanoutJob.ConvKey conv : jobs.stale(clock.getAsLong() - staleMillis, 20)) {
                drain(conv, 0);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Failed to sweep stale fan-out jobs: {}", e.toString());
        }
    }

    @Override
    public void close() {
        sweeper.shutdown();
        try {
            sweeper.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
