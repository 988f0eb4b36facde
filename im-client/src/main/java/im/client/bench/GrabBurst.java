package im.client.bench;

import im.api.ErrorCode;
import im.client.HttpApi;
import im.client.ImClientException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One hot packet grabbed by every contender at once, over HTTP. Each contender has its own thread
 * (so all requests are in flight together) and, like an app that is online, an open keep-alive
 * connection: it first reads its wallet ({@code GET /wallet}, not measured), then all wait on one
 * latch that releases them together. Each grab's latency runs from its thread's release to its answer;
 * the burst runs from the release to the last answer. Not thread-safe: one burst at a time.
 */
final class GrabBurst implements AutoCloseable {
    /** The figures of one burst; times are {@link System#nanoTime()}. */
    record Result(long packetId, long releasedAt, long lastAnswerAt, long lastWinAt, Map<Long, Long> won,
                  AnswerTally answers, Latencies all, Latencies wins, Latencies empties, boolean complete) {

        /** Every answer (won, empty or failed) per second of the burst. */
        double answersPerSecond() {
            return ImBench.perSecond(answers.total(), releasedAt, lastAnswerAt);
        }

        /** Milliseconds from the release until the last share was handed out. */
        double emptiedAfterMs() {
            return won.isEmpty() ? 0 : Math.round((lastWinAt - releasedAt) / 1e5) / 10.0;
        }
    }

    private final HttpApi api;
    private final ExecutorService threads;

    GrabBurst(HttpApi api, int contenders) {
        this.api = api;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(contenders, r -> {
            Thread t = new Thread(r, "bench-grab-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Grabs {@code packetId} once per contender, all at once; waits for every answer until
     * {@code deadlineNanos} ({@link Result#complete} false if some did not come).
     */
    Result run(long packetId, List<WorkerSpec.BenchUser> contenders, long deadlineNanos) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(contenders.size());
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(contenders.size());
        Map<Long, Long> won = new ConcurrentHashMap<>();
        AnswerTally answers = new AnswerTally();
        Latencies all = new Latencies();
        Latencies wins = new Latencies();
        Latencies empties = new Latencies();
        AtomicLong lastAnswer = new AtomicLong();
        AtomicLong lastWin = new AtomicLong();
        for (WorkerSpec.BenchUser u : contenders) {
            threads.execute(() -> {
                try {
                    warmUp(u);
                    ready.countDown();
                    go.await();
                    long t0 = System.nanoTime();
                    try {
                        long amount = api.grab(u.token(), packetId);
                        long t1 = System.nanoTime();
                        won.put(u.id(), amount);
                        answers.ok();
                        wins.recordNanos(t1 - t0);
                        all.recordNanos(t1 - t0);
                        lastWin.accumulateAndGet(t1, Math::max);
                    } catch (ImClientException e) {
                        long t1 = System.nanoTime();
                        answers.failed(e);
                        all.recordNanos(t1 - t0);
                        if (e.code() == ErrorCode.RED_PACKET_EMPTY.code()) {
                            empties.recordNanos(t1 - t0);
                        }
                    } catch (java.io.IOException e) {
                        answers.failed(e);
                    }
                    lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    answered.countDown();
                }
            });
        }
        boolean allReady = ready.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        // the warm-ups' server-side work is done (each was answered); let the stack breathe before the burst
        Thread.sleep(500);
        long released = System.nanoTime();
        go.countDown();
        boolean complete = answered.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        return new Result(packetId, released, lastAnswer.get(), lastWin.get(), Map.copyOf(won), answers, all, wins,
                empties, allReady && complete);
    }

    /** Opens (or reuses) a keep-alive connection; a failure here leaves the grab to open its own. */
    private void warmUp(WorkerSpec.BenchUser u) throws InterruptedException {
        try {
            api.balance(u.token());
        } catch (java.io.IOException | ImClientException e) {
            // counted where it matters, in the grab's answer
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
