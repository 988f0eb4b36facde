package im.org.auth;

import java.time.Duration;
import java.util.Locale;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RedissonClient;

/**
 * Locks an account after {@code maxFailures} failed logins within {@code window}, in Redis so that
 * every instance counts together: {@code im:org:login-failures:<tenantCode>:<account>}, expiring
 * {@code window} after the first failure. While locked even the right password is refused; the
 * lock lifts when the key expires. A success resets the count. Thread-safe.
 */
public final class LoginLockout {
    private final RedissonClient redis;
    private final int maxFailures;
    private final Duration window;

    public LoginLockout(RedissonClient redis, int maxFailures, Duration window) {
        this.redis = redis;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    public boolean isLocked(String tenantCode, String account) {
        return counter(tenantCode, account).get() >= maxFailures;
    }

    public void recordFailure(String tenantCode, String account) {
        RAtomicLong counter = counter(tenantCode, account);
        // The first failure starts the window; a counter left without one (a crash between the two
        // calls) gets it at the next failure instead of locking the account for ever.
        if (counter.incrementAndGet() == 1 || counter.remainTimeToLive() == -1) {
            counter.expire(window);
        }
    }

    public void reset(String tenantCode, String account) {
        counter(tenantCode, account).delete();
    }

    private RAtomicLong counter(String tenantCode, String account) {
        return redis.getAtomicLong("im:org:login-failures:" + tenantCode.toLowerCase(Locale.ROOT) + ":"
                + account.toLowerCase(Locale.ROOT));
    }
}
