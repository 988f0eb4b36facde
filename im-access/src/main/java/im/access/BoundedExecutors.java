package im.access;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The gateway's blocking work pools: named, bounded, and refusing when full (callers answer 1503). */
final class BoundedExecutors {
    private BoundedExecutors() {
    }

    static ThreadPoolExecutor create(String name, int threads, int queue) {
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                new DefaultThreadFactory(name, true), new ThreadPoolExecutor.AbortPolicy());
    }
}
