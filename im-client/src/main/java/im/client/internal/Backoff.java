package im.client.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential reconnect delays with "equal jitter": attempt {@code n} waits between half and all of
 * {@code min(max, base * 2^n)}. The random half spreads the clients of a dead node over the
 * window, so they do not all come back in the same millisecond (no thundering herd), while the
 * fixed half keeps a floor. Not thread-safe: one per connection, used on its event loop.
 */
public final class Backoff {
    private final long baseMillis;
    private final long maxMillis;
    private int attempt;

    public Backoff(long baseMillis, long maxMillis) {
        if (baseMillis <= 0 || maxMillis < baseMillis) {
            throw new IllegalArgumentException("need 0 < base <= max, got " + baseMillis + ", " + maxMillis);
        }
        this.baseMillis = baseMillis;
        this.maxMillis = maxMillis;
    }

    /** The delay before the next attempt; each call counts one attempt. */
    public long nextDelayMillis() {
        long ceiling = attempt >= 30 ? maxMillis : Math.min(maxMillis, baseMillis << attempt);
        attempt++;
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }

    /** After a successful login: the next failure starts from the base delay again. */
    public void reset() {
        attempt = 0;
    }
}
