package im.logic.id;

import im.api.ErrorCode;
import im.api.ImException;
import java.util.function.LongSupplier;

/**
 * 64-bit message ids, ordered by time (to the millisecond) and unique across nodes:
 * {@code 0 | 41 bits millis since 2024-01-01 | 10 bits worker | 12 bits counter}.
 *
 * <p>The counter is not reset each millisecond: it runs on modulo 4096 across milliseconds, so the
 * low bits cycle through every value even at one message per second, and {@code msgId % tables}
 * (the {@code message} table's MOD sharding) spreads rows over every table for any power-of-two
 * table count up to 4096. At most 4096 ids are issued per millisecond; the next one waits for the
 * clock.
 *
 * <p>Clock going back: a step back of up to {@value #MAX_BACKWARD_WAIT_MS} ms is waited out; a larger
 * one refuses ids with {@code BUSY} until the clock has caught up with the last id issued (sends fail
 * fast with a retryable code instead of risking a duplicate id). Ids are also refused while the
 * worker lease is not held. Thread-safe.
 */
public final class MsgIdGenerator {
    /** 2024-01-01T00:00:00Z: 41 bits of millis last until 2093. */
    public static final long EPOCH_MS = 1_704_067_200_000L;
    static final int WORKER_BITS = 10;
    static final int COUNTER_BITS = 12;
    /** The number of worker ids a lease can hold. */
    public static final int MAX_WORKERS = 1 << WORKER_BITS;
    private static final int COUNTER_MASK = (1 << COUNTER_BITS) - 1;
    /** NTP slews small corrections; waiting them out beats failing sends. */
    static final long MAX_BACKWARD_WAIT_MS = 10;

    private final WorkerLease lease;
    private final LongSupplier clock;
    private long lastMs = -1;
    private int counter;
    private int issuedInLastMs;

    /** @param clock epoch millis; {@code System::currentTimeMillis} in production */
    public MsgIdGenerator(WorkerLease lease, LongSupplier clock) {
        this.lease = lease;
        this.clock = clock;
    }

    /**
     * The next id.
     *
     * @throws ImException {@code BUSY} when the clock went back by more than
     *                     {@value #MAX_BACKWARD_WAIT_MS} ms or the worker lease is lost
     */
    public synchronized long next() throws ImException {
        int worker = lease.workerId();
        if (worker < 0) {
            throw ImException.stackless(ErrorCode.BUSY, "message id worker lease not held");
        }
        long now = clock.getAsLong();
        if (now < lastMs) {
            if (lastMs - now > MAX_BACKWARD_WAIT_MS) {
                throw ImException.stackless(ErrorCode.BUSY, "clock moved back by " + (lastMs - now) + " ms");
            }
            now = waitUntil(lastMs);
        }
        if (now == lastMs && issuedInLastMs > COUNTER_MASK) {
            now = waitUntil(lastMs + 1);
        }
        if (now != lastMs) {
            lastMs = now;
            issuedInLastMs = 0;
        }
        issuedInLastMs++;
        counter = (counter + 1) & COUNTER_MASK;
        return ((now - EPOCH_MS) << (WORKER_BITS + COUNTER_BITS)) | ((long) worker << COUNTER_BITS) | counter;
    }

    /** The send time encoded in an id, epoch millis. */
    public static long timeOf(long msgId) {
        return (msgId >>> (WORKER_BITS + COUNTER_BITS)) + EPOCH_MS;
    }

    /** The worker id encoded in an id. */
    public static int workerOf(long msgId) {
        return (int) (msgId >>> COUNTER_BITS) & (MAX_WORKERS - 1);
    }

    private long waitUntil(long target) {
        long now = clock.getAsLong();
        while (now < target) {
            Thread.onSpinWait();
            now = clock.getAsLong();
        }
        return now;
    }
}
