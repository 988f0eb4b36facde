package im.infra.route;

import im.api.access.AccessPushService;
import im.api.access.PushRequest;
import im.api.access.PushResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends server-initiated frames ({@code MSG_PUSH}, {@code RECEIPT_NOTIFY}, {@code READ_SYNC_NOTIFY})
 * to users' online devices: reads their routes in batches, groups the frames by the access node that
 * holds each device and makes one asynchronous {@link AccessPushService#pushAll} call per node and
 * batch, through a direct reference per node address (the registry's load balancing would pick any
 * node). Best effort: clients catch up by {@code SYNC}, so what it cannot deliver is reported to the
 * caller as offline, never retried here. Thread-safe.
 */
public final class UserPusher {
    private static final Logger log = LoggerFactory.getLogger(UserPusher.class);
    /** The Dubbo group every access node exports {@link AccessPushService} in. */
    public static final String ACCESS_GROUP = "im-access";
    /** Requests per {@code pushAll} call, bounding one call's payload. */
    static final int CALL_BATCH = 500;

    private final RouteTable routes;
    private final Function<String, AccessPushService> nodeAt;
    private final Map<String, AccessPushService> nodes = new ConcurrentHashMap<>();
    private final Counter frames;
    private final Counter offline;
    private final Counter nodeFailures;

    /**
     * @param nodeAt a proxy bound to the access node at a Dubbo address ({@code host:port}); called
     *               once per address
     */
    public UserPusher(RouteTable routes, Function<String, AccessPushService> nodeAt, MeterRegistry metrics) {
        this.routes = routes;
        this.nodeAt = nodeAt;
        this.frames = Counter.builder("im.push.frames").description("frames handed to access nodes")
                .register(metrics);
        this.offline = Counter.builder("im.push.offline").description("push targets with no device online")
                .register(metrics);
        this.nodeFailures = Counter.builder("im.push.node.failures")
                .description("pushAll calls to an access node that failed").register(metrics);
    }

    /**
     * One frame for one user.
     *
     * @param userId             the recipient
     * @param body               the command's protobuf body
     * @param ackSeq             {@code MSG_PUSH}: the seq the client's {@code MSG_ACK} must reach; else 0
     * @param exceptPlatform     with {@code exceptConnection}: the session that must not get it (the one
     *                           that sent the message and gets the response instead); 0 for none
     * @param exceptConnection   that session's node-local connection id; 0 for none
     */
    public record Target(long userId, byte[] body, long ackSeq, int exceptPlatform, long exceptConnection) {
        public static Target of(long userId, byte[] body, long ackSeq) {
            return new Target(userId, body, ackSeq, 0, 0);
        }
    }

    /**
     * Pushes {@code cmd} to every online device of each target. Blocks for the route lookup (one Redis
     * round trip per {@value RouteTable#BATCH_USERS} users); the node calls are asynchronous.
     *
     * @return completes, never exceptionally, with the targets' users that no device was reached for:
     *         no route, or their node did not answer (a node that is gone leaves routes until they
     *         expire). A user whose only online session is the excepted one counts as reached.
     */
    public CompletableFuture<Set<Long>> push(int cmd, Collection<Target> targets) {
        Set<Long> users = new HashSet<>();
        for (Target t : targets) {
            users.add(t.userId());
        }
        Map<Long, Map<Integer, Route>> online;
        try {
            online = routes.lookup(users);
        } catch (RuntimeException e) {
            log.warn("Failed to read routes, pushing nothing: {users={}}: {}", users.size(), e.toString());
            return CompletableFuture.completedFuture(users);
        }
        Set<Long> reached = ConcurrentHashMap.newKeySet();
        Map<String, List<PushRequest>> byNode = new HashMap<>();
        for (Target t : targets) {
            Map<Integer, Route> devices = online.get(t.userId());
            if (devices == null) {
                continue;
            }
            Map<String, Long> excludeOnNode = new HashMap<>();
            Set<String> nodesOfUser = new HashSet<>();
            devices.forEach((platform, route) -> {
                if (platform == t.exceptPlatform() && route.connectionId() == t.exceptConnection()) {
                    excludeOnNode.put(route.dubboAddress(), route.connectionId());
                    reached.add(t.userId());
                } else {
                    nodesOfUser.add(route.dubboAddress());
                }
            });
            for (String address : nodesOfUser) {
                byNode.computeIfAbsent(address, a -> new ArrayList<>()).add(new PushRequest(t.userId(), cmd, t.body(),
                        t.ackSeq(), excludeOnNode.getOrDefault(address, 0L)));
            }
        }
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        byNode.forEach((address, requests) -> {
            for (int from = 0; from < requests.size(); from += CALL_BATCH) {
                List<PushRequest> batch = List.copyOf(requests.subList(from, Math.min(requests.size(), from + CALL_BATCH)));
                calls.add(call(address, batch).thenAccept(results -> {
                    for (PushRequest r : batch) {
                        reached.add(r.userId());
                    }
                }));
            }
        });
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).handle((done, failure) -> {
            Set<Long> missed = new HashSet<>(users);
            missed.removeAll(reached);
            offline.increment(missed.size());
            return missed;
        });
    }

    private CompletableFuture<List<PushResult>> call(String address, List<PushRequest> batch) {
        CompletableFuture<List<PushResult>> result;
        try {
            result = nodes.computeIfAbsent(address, nodeAt).pushAll(batch);
            frames.increment(batch.size());
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.whenComplete((r, e) -> {
            if (e != null) {
                nodeFailures.increment();
                log.warn("Failed to push to an access node: {address={}, frames={}}: {}", address, batch.size(),
                        e.toString());
            }
        });
    }
}
