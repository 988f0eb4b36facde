package im.receipt.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition: asynchronous pipelines are awaited, never timed (tests assert on outcomes). */
public final class Await {
    /** Far beyond any healthy run on a loaded 2-core machine; only a hang reaches it. */
    public static final Duration PATIENCE = Duration.ofMinutes(3);

    private Await() {
    }

    /** Waits until {@code condition} holds or {@link #PATIENCE} passed; the caller asserts afterwards. */
    public static void until(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }
}
