package im.extlogic.push;

import com.alibaba.csp.sentinel.Entry;
import com.alibaba.csp.sentinel.SphU;
import com.alibaba.csp.sentinel.Tracer;
import com.alibaba.csp.sentinel.slots.block.BlockException;
import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRule;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRuleManager;
import java.util.Set;

/**
 * Wraps a provider in a Sentinel circuit breaker: after {@code errorCount} failures within 10 s
 * the circuit opens and calls fail at once (retryable) for {@code openSeconds} without touching the
 * provider; then one probe decides whether it closes again. A dead provider thus costs a dispatcher
 * thread microseconds instead of a timeout per notification. Sentinel keeps its rules in static
 * registries; the rule is registered for this breaker's own resource name only.
 */
public final class CircuitBreakingProvider implements PushProvider {
    /** Failures are counted over this window. */
    private static final int STAT_INTERVAL_MS = 10_000;

    private final PushProvider delegate;
    private final String resource;

    /** @param resource the Sentinel resource name, unique per breaker, e.g. {@code push-provider:webhook} */
    public CircuitBreakingProvider(PushProvider delegate, String resource, int errorCount, int openSeconds) {
        this.delegate = delegate;
        this.resource = resource;
        DegradeRule rule = new DegradeRule(resource).setGrade(RuleConstant.DEGRADE_GRADE_EXCEPTION_COUNT)
                .setCount(errorCount).setTimeWindow(openSeconds).setMinRequestAmount(errorCount)
                .setStatIntervalMs(STAT_INTERVAL_MS);
        DegradeRuleManager.setRulesForResource(resource, Set.of(rule));
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void send(PushNotification n) throws PushException {
        Entry entry;
        try {
            entry = SphU.entry(resource);
        } catch (BlockException e) {
            throw new PushException("circuit open for provider " + delegate.name(), true);
        }
        try {
            delegate.send(n);
        } catch (PushException | RuntimeException e) {
            Tracer.traceEntry(e, entry);
            throw e;
        } finally {
            entry.exit();
        }
    }
}
