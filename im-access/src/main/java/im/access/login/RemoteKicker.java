package im.access.login;

import im.access.metrics.GatewayMetrics;
import im.access.session.SessionKicker;
import im.api.access.AccessPushService;
import im.api.access.KickRequest;
import im.infra.route.Route;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kicks the device a route names, wherever it is: on this node directly, on another node through
 * {@link AccessPushService#kick} addressed to that node's Dubbo address (a direct reference per
 * address, cached; the registry's load balancing would pick any node). Best effort: the route
 * already points to the new device, so a node that is gone needs no kick. Remote calls run on the
 * given bounded executor, never on an event loop. Thread-safe.
 */
public final class RemoteKicker {
    private static final Logger log = LoggerFactory.getLogger(RemoteKicker.class);

    private final String instanceId;
    private final SessionKicker local;
    private final Function<String, AccessPushService> nodeAt;
    private final Map<String, AccessPushService> nodes = new ConcurrentHashMap<>();
    private final Executor executor;
    private final GatewayMetrics metrics;

    /**
     * @param nodeAt   a proxy bound to the access node at a Dubbo address
     * @param executor where remote calls block
     */
    public RemoteKicker(String instanceId, SessionKicker local, Function<String, AccessPushService> nodeAt,
                        Executor executor, GatewayMetrics metrics) {
        this.instanceId = instanceId;
        this.local = local;
        this.nodeAt = nodeAt;
        this.executor = executor;
        this.metrics = metrics;
    }

    public void kick(Route route, long userId, int reason, String message) {
        if (route.instanceId().equals(instanceId)) {
            local.kick(route.connectionId(), userId, reason, message);
            return;
        }
        try {
            executor.execute(() -> kickRemote(route, userId, reason, message));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.warn("Failed to kick, queue full: {userId={}, node={}}", userId, route.instanceId());
        }
    }

    private void kickRemote(Route route, long userId, int reason, String message) {
        try {
            AccessPushService node = nodes.computeIfAbsent(route.dubboAddress(), nodeAt);
            boolean found = node.kick(new KickRequest(userId, route.connectionId(), reason, message));
            metrics.kick(found ? "remote" : "remote_gone");
        } catch (Exception e) {
            metrics.kick("remote_failed");
            log.warn("Failed to kick on another node: {userId={}, node={}, address={}}: {}", userId,
                    route.instanceId(), route.dubboAddress(), e.toString());
        }
    }
}
