package im.access.metrics;

import im.access.transport.Transport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every meter of the gateway, created up front so hot paths only increment:
 * <ul>
 *   <li>{@code im_access_connections{transport,platform}}: open connections; platform {@code none}
 *       until login</li>
 *   <li>{@code im_access_frames_total{direction,transport}}</li>
 *   <li>{@code im_access_push_ack_latency_seconds}: first write of a MSG_PUSH to its ack</li>
 *   <li>{@code im_access_kicks_total{where}}, {@code im_access_closes_total{reason}} (idle,
 *       slow_consumer, flood, bad_frame, login_timeout), {@code im_access_bad_frames_total{code}},
 *       {@code im_access_rate_limited_total}, {@code im_access_logins_total{result}},
 *       {@code im_access_push_undelivered_total}, {@code im_access_push_undelivered_report_failures_total}</li>
 *   <li>{@code im_access_requests_seconds{cmd,code}}: a request frame to its response, logic tier call
 *       included</li>
 * </ul>
 * Thread-safe.
 */
public final class GatewayMetrics {
    private static final String[] PLATFORMS = {"none", "desktop", "mobile", "web"};

    private final MeterRegistry registry;
    private final Map<Transport, AtomicInteger[]> connections = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> framesIn = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> framesOut = new EnumMap<>(Transport.class);
    private final Map<String, Counter> byName = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Timer pushAckLatency;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Transport t : Transport.values()) {
            AtomicInteger[] gauges = new AtomicInteger[PLATFORMS.length];
            for (int p = 0; p < PLATFORMS.length; p++) {
                gauges[p] = new AtomicInteger();
                Gauge.builder("im.access.connections", gauges[p], AtomicInteger::get)
                        .tag("transport", t.tag()).tag("platform", PLATFORMS[p])
                        .description("open client connections").register(registry);
            }
            connections.put(t, gauges);
            framesIn.put(t, Counter.builder("im.access.frames").tag("direction", "in").tag("transport", t.tag())
                    .register(registry));
            framesOut.put(t, Counter.builder("im.access.frames").tag("direction", "out").tag("transport", t.tag())
                    .register(registry));
        }
        this.pushAckLatency = Timer.builder("im.access.push.ack.latency")
                .description("first write of a MSG_PUSH to the MSG_ACK that covers it")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** Open connections of every transport, logged in or not: the load this node publishes. */
    public int openConnections() {
        return open.get();
    }

    public void connectionOpened(Transport t) {
        open.incrementAndGet();
        connections.get(t)[0].incrementAndGet();
    }

    /** Moves a connection from platform {@code from} to {@code to} (0 = none). */
    public void connectionMoved(Transport t, int from, int to) {
        connections.get(t)[from].decrementAndGet();
        connections.get(t)[to].incrementAndGet();
    }

    public void connectionClosed(Transport t, int platform) {
        open.decrementAndGet();
        connections.get(t)[platform].decrementAndGet();
    }

    public Runnable frameIn(Transport t) {
        Counter c = framesIn.get(t);
        return c::increment;
    }

    public Runnable frameOut(Transport t) {
        Counter c = framesOut.get(t);
        return c::increment;
    }

    public void pushAcked(long nanos) {
        pushAckLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void kick(String where) {
        counter("im.access.kicks", "where", where).increment();
    }

    public void closed(String reason) {
        counter("im.access.closes", "reason", reason).increment();
    }

    public void badFrame(int code) {
        counter("im.access.bad.frames", "code", Integer.toString(code)).increment();
    }

    public void rateLimited() {
        counter("im.access.rate.limited", null, null).increment();
    }

    /** A request refused with 1503 because the node has too many logic-tier calls open. */
    public void shed() {
        counter("im.access.shed", null, null).increment();
    }

    public void login(String result) {
        counter("im.access.logins", "result", result).increment();
    }

    public void undelivered(int count) {
        counter("im.access.push.undelivered", null, null).increment(count);
    }

    public void undeliveredReportFailed(int count) {
        counter("im.access.push.undelivered.report.failures", null, null).increment(count);
    }

    /** Routes this node wrote again after Redis lost them ({@code result} recreated, kept or failed). */
    public void routesReasserted(String result, int count) {
        counter("im.access.routes.reasserted", "result", result).increment(count);
    }

    /** A request answered: {@code cmd} its command name, {@code code} the answer's code. */
    public void request(String cmd, int code, long nanos) {
        timers.computeIfAbsent(cmd + '/' + code, k -> Timer.builder("im.access.requests").tag("cmd", cmd)
                .tag("code", Integer.toString(code)).description("a request frame to its response")
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Counter counter(String name, String tag, String value) {
        return byName.computeIfAbsent(name + '/' + value, k -> {
            Counter.Builder b = Counter.builder(name);
            if (tag != null) {
                b.tag(tag, value);
            }
            return b.register(registry);
        });
    }
}
