package im.access.session;

import im.access.metrics.GatewayMetrics;
import im.infra.route.RouteTable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that Redis lost this node's keys (a {@code FLUSHALL}, a restart without persistence, a
 * failover to a replica that never had them) and writes the routes of every connection it holds
 * again, so that pushes to its devices resume within one check instead of waiting for each
 * connection's next route refresh (a third of the route TTL) or its reconnect.
 *
 * <p>The sign is a marker key of the node's own, written at start and checked every
 * {@code checkInterval} by one script that also re-arms it: finding it gone means Redis lost what it
 * held. The routes are then written again through {@link RouteTable#refresh}, which leaves a key
 * naming another connection alone, so a newer login elsewhere is never overwritten. A check that
 * fails (Redis down) tries again at the next interval. Thread-safe; runs on the scheduler passed in.
 */
public final class RouteKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RouteKeeper.class);

    /** 1 when the marker was there (its TTL re-armed), 0 when it was gone and is written again. */
    private static final String CHECK = """
            if redis.call('pexpire', KEYS[1], ARGV[1]) == 1 then return 1 end
            redis.call('set', KEYS[1], '1', 'PX', ARGV[1])
            return 0""";

    private final RedissonClient redis;
    private final RouteTable routes;
    private final SessionRegistry sessions;
    private final GatewayMetrics metrics;
    private final String markerKey;
    private final long markerTtlMillis;
    private final ScheduledFuture<?> task;
    private volatile boolean started;

    /**
     * Checks once now (on the calling thread: the marker of a node that just started), then every
     * {@code checkInterval} on {@code scheduler}.
     *
     * @param instanceId this node's instance id: the marker is the node's own
     */
    public RouteKeeper(RedissonClient redis, RouteTable routes, SessionRegistry sessions, GatewayMetrics metrics,
                       String instanceId, Duration checkInterval, ScheduledExecutorService scheduler) {
        if (checkInterval.toMillis() < 1) {
            throw new IllegalArgumentException("route check interval must be at least 1 ms: " + checkInterval);
        }
        this.redis = redis;
        this.routes = routes;
        this.sessions = sessions;
        this.metrics = metrics;
        this.markerKey = markerKey(instanceId);
        // Outlives a few missed checks, and goes away with the node.
        this.markerTtlMillis = Math.max(60_000, checkInterval.toMillis() * 10);
        check(); // writes the marker of a node that just started, before it takes any connection
        long every = checkInterval.toMillis();
        this.task = scheduler.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    static String markerKey(String instanceId) {
        return "im:route:keeper:" + instanceId;
    }

    /** One check; on a lost marker, the routes are written again. Never throws. */
    void check() {
        long present;
        try {
            present = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, CHECK,
                    RScript.ReturnType.INTEGER, List.of(markerKey), Long.toString(markerTtlMillis));
        } catch (RuntimeException e) {
            log.warn("route check failed (tried again in the next interval): {}", e.toString());
            return;
        }
        if (!started) {
            // the first check that reaches Redis writes the marker of a node that just started
            started = true;
            return;
        }
        if (present == 0) {
            reassert();
        }
    }

    private void reassert() {
        AtomicInteger recreated = new AtomicInteger();
        AtomicInteger kept = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<Long>> writes = sessions.connections().stream()
                .filter(c -> c.identity() != null)
                .map(c -> {
                    SessionIdentity id = c.identity();
                    return routes.refresh(id.userId(), id.platform(), id.deviceId(), id.route()).toCompletableFuture()
                            .whenComplete((result, e) -> {
                                if (e != null) {
                                    failed.incrementAndGet();
                                } else if (result == RouteTable.RECREATED) {
                                    recreated.incrementAndGet();
                                } else {
                                    kept.incrementAndGet();
                                }
                            });
                })
                .toList();
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).handle((ok, e) -> {
            metrics.routesReasserted("recreated", recreated.get());
            metrics.routesReasserted("kept", kept.get());
            metrics.routesReasserted("failed", failed.get());
            log.warn("Redis lost this node's route marker: wrote the routes of its {} connections again "
                    + "({} recreated, {} still there or taken over, {} failed; a failed one is written again "
                    + "by its connection's next refresh)", writes.size(), recreated.get(), kept.get(), failed.get());
            return null;
        });
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
