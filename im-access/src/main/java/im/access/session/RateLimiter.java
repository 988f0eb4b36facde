package im.access.session;

/**
 * A token bucket per connection: {@code ratePerSecond} frames on average, bursts up to
 * {@code burst}. Not thread-safe: used only on the connection's event loop. Time comes from the
 * caller so tests need no clock.
 */
public final class RateLimiter {
    private final double tokensPerNano;
    private final int burst;
    private double tokens;
    private long lastNanos;

    public RateLimiter(int ratePerSecond, int burst, long nowNanos) {
        if (ratePerSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("ratePerSecond and burst must be positive");
        }
        this.tokensPerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one. */
    public boolean tryAcquire(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * tokensPerNano);
            lastNanos = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
