package im.access.session;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.protocol.Platform;
import im.infra.route.Route;
import im.infra.route.RouteTable;
import im.testkit.Stack;
import im.testkit.StackExtension;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.client.codec.StringCodec;

/**
 * Redis losing the gateway's keys (a flush or failover, simulated by deleting this test's own keys,
 * since the Redis is shared with other stacks): the node notices by its marker and writes the routes
 * of its live connections again, without taking over a route a newer login holds.
 */
@ExtendWith(StackExtension.class)
class RouteKeeperIT {
    private GatewayFixture gw;
    private ScheduledExecutorService scheduler;
    private String instance;

    @BeforeEach
    void setUp(Stack stack) {
        gw = new GatewayFixture(stack.redisson(), stack.config().string("auth.token.secret"), 100, 100, 100);
        scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("route-keeper-test", true));
        instance = "im-access-keeper-" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
        gw.redis.getBucket(RouteKeeper.markerKey(instance)).delete();
        gw.close();
    }

    @Test
    void lostRoutes_shouldBeWrittenAgain_butNotOverARouteANewerLoginHolds() throws Exception {
        long lost = GatewayFixture.newUserId();
        long takenOver = GatewayFixture.newUserId();
        EmbeddedChannel lostDevice = gw.loggedIn(lost, Platform.MOBILE);
        EmbeddedChannel oldDevice = gw.loggedIn(takenOver, Platform.DESKTOP);
        RouteKeeper keeper = startedKeeper();
        Route newer = new Route("im-access-elsewhere", "127.0.0.9:20880", 99);

        // what a flush leaves: no marker, no routes, no devices; then another node's newer login
        gw.redis.getBucket(RouteKeeper.markerKey(instance)).delete();
        gw.redis.getBucket(RouteTable.key(lost, 2)).delete();
        gw.redis.getMap(RouteTable.devicesKey(lost)).delete();
        gw.redis.getBucket(RouteTable.key(takenOver, 1)).delete();
        gw.routes.registerAsync(takenOver, 1, "other-device", newer).get();

        keeper.check();

        Route own = GatewayFixture.connection(lostDevice).identity().route();
        awaitRoute(lost, 2, own);
        assertThat(gw.redis.getBucket(RouteTable.key(lost, 2), StringCodec.INSTANCE).remainTimeToLive())
                .isPositive();
        assertThat(gw.routes.devices(List.of(lost))).isEqualTo(Map.of(lost, Map.of(2, GatewayFixture.DEVICE)));
        assertThat(gw.routes.lookup(takenOver)).isEqualTo(Map.of(1, newer));
        assertThat(gw.meters.get("im.access.routes.reasserted").tag("result", "recreated").counter().count())
                .isEqualTo(1.0);
        assertThat(gw.meters.get("im.access.routes.reasserted").tag("result", "kept").counter().count())
                .isEqualTo(1.0);
        keeper.close();
        lostDevice.close();
        oldDevice.close();
    }

    @Test
    void aRouteGoneAlone_withTheMarkerThere_shouldBeLeftToItsConnectionsNextRefresh() throws Exception {
        long user = GatewayFixture.newUserId();
        EmbeddedChannel device = gw.loggedIn(user, Platform.WEB);
        RouteKeeper keeper = startedKeeper();
        gw.redis.getBucket(RouteTable.key(user, 3)).delete(); // e.g. expired while its node was unreachable

        keeper.check();

        Thread.sleep(200); // a write the keeper started would land well within this
        assertThat(gw.routes.lookup(user)).isEmpty();
        assertThat(gw.meters.find("im.access.routes.reasserted").counters()).isEmpty();
        Route own = GatewayFixture.connection(device).identity().route();
        assertThat(gw.routes.refresh(user, 3, GatewayFixture.DEVICE, own).toCompletableFuture().get())
                .isEqualTo(RouteTable.RECREATED);
        assertThat(gw.routes.lookup(user)).isEqualTo(Map.of(3, own));
        keeper.close();
        device.close();
    }

    /** A keeper whose first check (which only writes the marker) has run; later checks are the test's. */
    private RouteKeeper startedKeeper() {
        RouteKeeper keeper = new RouteKeeper(gw.redis, gw.routes, gw.registry, gw.metrics, instance,
                Duration.ofHours(1), scheduler);
        assertThat(gw.redis.getBucket(RouteKeeper.markerKey(instance)).isExists()).isTrue();
        return keeper;
    }

    private void awaitRoute(long user, int platform, Route expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!expected.equals(gw.routes.lookup(user).get(platform)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(gw.routes.lookup(user)).containsEntry(platform, expected);
    }
}
