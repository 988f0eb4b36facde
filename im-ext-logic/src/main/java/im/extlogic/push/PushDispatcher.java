package im.extlogic.push;

import im.api.push.OfflinePushEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications through a provider on a bounded pool, off the consumer's threads. The
 * retry contract: a notification is tried up to {@code maxAttempts} times, waiting
 * {@code initialBackoff * 2^(n-1)} (capped at {@code maxBackoff}) before try n+1; a refusal that no
 * retry can change, or the last failed try, sends it to {@link OfflinePushEvent#DEAD_LETTER_TOPIC}.
 * So a notification is delivered at least once unless dead-lettered, and more than once only when a
 * try failed after the provider had taken it (a timeout); the id it carries lets the receiver drop
 * such a copy. When the pool's queue is full a notification is dead-lettered at once: it is never
 * dropped silently and never blocks the caller. Thread-safe.
 */
public final class PushDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);

    private final PushProvider provider;
    private final DefaultMQProducer deadLetters;
    private final int maxAttempts;
    private final long initialBackoffMillis;
    private final long maxBackoffMillis;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService retries;
    private final Counter delivered;
    private final Counter retried;
    private final Counter deadLettered;

    public PushDispatcher(PushProvider provider, DefaultMQProducer deadLetters, PushSettings settings,
                          MeterRegistry metrics) {
        this.provider = provider;
        this.deadLetters = deadLetters;
        this.maxAttempts = settings.maxAttempts();
        this.initialBackoffMillis = settings.initialBackoffMillis();
        this.maxBackoffMillis = settings.maxBackoffMillis();
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.dispatchThreads(), settings.dispatchThreads(), 0,
                TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(settings.dispatchQueue()),
                r -> new Thread(r, "push-dispatch-" + n.incrementAndGet()), new ThreadPoolExecutor.AbortPolicy());
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "push-retry"));
        this.delivered = metrics.counter("im.push.delivered", "provider", provider.name());
        this.retried = metrics.counter("im.push.retried", "provider", provider.name());
        this.deadLettered = metrics.counter("im.push.dead_lettered", "provider", provider.name());
    }

    /** The wait before try {@code attempt + 1}, after {@code attempt} failed tries. */
    static long backoffMillis(int attempt, long initial, long max) {
        long wait = initial << Math.min(attempt - 1, 30);
        return wait <= 0 ? max : Math.min(wait, max);
    }

    /** Queues {@code n} for delivery; never blocks. */
    public void dispatch(PushNotification n) {
        submit(n, 1);
    }

    private void submit(PushNotification n, int attempt) {
        try {
            workers.execute(() -> attempt(n, attempt));
        } catch (RejectedExecutionException e) {
            deadLetter(n, "dispatch queue full");
        }
    }

    private void attempt(PushNotification n, int attempt) {
        try {
            provider.send(n);
            delivered.increment();
        } catch (PushException e) {
            if (e.retryable() && attempt < maxAttempts) {
                retried.increment();
                long wait = backoffMillis(attempt, initialBackoffMillis, maxBackoffMillis);
                log.debug("Push retry: {id={}, attempt={}, waitMs={}, cause={}}", n.id(), attempt, wait,
                        e.getMessage());
                try {
                    retries.schedule(() -> submit(n, attempt + 1), wait, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closed) {
                    deadLetter(n, "shutting down after: " + e.getMessage());
                }
            } else {
                deadLetter(n, "attempt " + attempt + ": " + e.getMessage());
            }
        } catch (RuntimeException e) { // a provider bug must not lose the notification
            deadLetter(n, "attempt " + attempt + ": " + e);
        }
    }

    private void deadLetter(PushNotification n, String reason) {
        deadLettered.increment();
        log.warn("Failed to push notification, dead-lettered: {id={}, userId={}, reason={}}", n.id(), n.userId(),
                reason);
        Message m = new Message(OfflinePushEvent.DEAD_LETTER_TOPIC, provider.name(), n.id(),
                n.toJson().getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(m);
        } catch (Exception e) { // the last resort: the log line keeps the whole notification
            log.error("Failed to dead-letter notification: {notification={}, cause={}}", n.toJson(), e.toString());
        }
    }

    /** Stops retries and lets queued tries finish (bounded). */
    @Override
    public void close() {
        retries.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
