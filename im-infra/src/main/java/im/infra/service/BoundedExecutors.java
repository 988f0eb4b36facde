package im.infra.service;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pools for blocking work off event loops and RPC threads: named, bounded, daemon threads, refusing
 * with {@link java.util.concurrent.RejectedExecutionException} when full (callers answer 1503 or
 * count a drop; nothing waits unbounded).
 */
public final class BoundedExecutors {
    private BoundedExecutors() {
    }

    public static ThreadPoolExecutor create(String name, int threads, int queue) {
        return create(name, threads, queue, new ThreadPoolExecutor.AbortPolicy());
    }

    /** {@link #create(String, int, int)} with another policy for a full queue (e.g. caller-runs back-pressure). */
    public static ThreadPoolExecutor create(String name, int threads, int queue, RejectedExecutionHandler whenFull) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, whenFull);
    }
}
