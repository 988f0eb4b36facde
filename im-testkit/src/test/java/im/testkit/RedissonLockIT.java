package im.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

@ExtendWith(StackExtension.class)
class RedissonLockIT {

    @Test
    void lock_shouldExcludeSecondThread_untilFirstReleases(Stack stack) throws Exception {
        RedissonClient redis = stack.redisson();
        String name = "im:test:lock:" + UUID.randomUUID();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> holder = pool.submit(() -> {
                RLock lock = redis.getLock(name);
                lock.lock(30, TimeUnit.SECONDS);
                try {
                    held.countDown();
                    release.await(20, TimeUnit.SECONDS);
                } finally {
                    lock.unlock();
                }
                return null;
            });
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

            Future<Boolean> whileHeld = pool.submit(() -> {
                RLock lock = redis.getLock(name);
                boolean got = lock.tryLock(200, 30_000, TimeUnit.MILLISECONDS);
                if (got) {
                    lock.unlock();
                }
                return got;
            });
            assertThat(whileHeld.get(10, TimeUnit.SECONDS)).as("second thread got a held lock").isFalse();

            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
            Future<Boolean> afterRelease = pool.submit(() -> {
                RLock lock = redis.getLock(name);
                boolean got = lock.tryLock(5, 30, TimeUnit.SECONDS);
                if (got) {
                    lock.unlock();
                }
                return got;
            });
            assertThat(afterRelease.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void compoundUpdates_underLock_shouldNotLoseIncrements(Stack stack) throws Exception {
        RedissonClient redis = stack.redisson();
        String key = "im:test:counter:" + UUID.randomUUID();
        RLock lock = redis.getLock(key + ":lock");
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger inside = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Runnable work = () -> {
                for (int i = 0; i < 50; i++) {
                    lock.lock(30, TimeUnit.SECONDS);
                    try {
                        if (inside.incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        // read-modify-write: lost updates would show without mutual exclusion
                        long v = redis.getAtomicLong(key).get();
                        redis.getAtomicLong(key).set(v + 1);
                        inside.decrementAndGet();
                    } finally {
                        lock.unlock();
                    }
                }
            };
            Future<?> a = pool.submit(work);
            Future<?> b = pool.submit(work);
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);
            assertThat(overlaps.get()).isZero();
            assertThat(redis.getAtomicLong(key).get()).isEqualTo(100L);
        } finally {
            pool.shutdownNow();
            redis.getAtomicLong(key).delete();
        }
    }
}
