package im.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import im.infra.route.Route;
import im.infra.route.RouteTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RedissonClient;

/** Route lookups for many users in one {@code MGET}, and route refreshes, through the stack's namespace. */
@ExtendWith(StackExtension.class)
class RouteTableIT {

    @Test
    void lookup_shouldFindEveryOnlineDevice_andLeaveOutUsersWithNone(Stack stack) throws Exception {
        RedissonClient redis = stack.redisson();
        RouteTable routes = new RouteTable(redis, Duration.ofMinutes(1));
        long base = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        Route desktop = new Route("im-access-t1", "127.0.0.1:20880", 11);
        Route web = new Route("im-access-t2", "127.0.0.2:20880", 12);
        routes.registerAsync(base, 1, "d1", desktop).get();
        routes.registerAsync(base, 3, "w1", web).get();
        routes.registerAsync(base + 700, 2, "m1", web).get(); // beyond the first MGET chunk of 500 users
        try {
            List<Long> users = new ArrayList<>();
            for (long u = base; u < base + 800; u++) {
                users.add(u);
            }

            Map<Long, Map<Integer, Route>> online = routes.lookup(users);

            assertThat(online).containsOnlyKeys(base, base + 700);
            assertThat(online.get(base)).isEqualTo(Map.of(1, desktop, 3, web));
            assertThat(online.get(base + 700)).isEqualTo(Map.of(2, web));
        } finally {
            routes.remove(base, 1, desktop).toCompletableFuture().join();
            routes.remove(base, 3, web).toCompletableFuture().join();
            routes.remove(base + 700, 2, web).toCompletableFuture().join();
        }
    }

    @Test
    void refresh_shouldExtendItsOwnRoute_writeALostOneAgain_andLeaveAnotherConnectionsAlone(Stack stack)
            throws Exception {
        RouteTable routes = new RouteTable(stack.redisson(), Duration.ofMinutes(1));
        long user = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        Route own = new Route("im-access-t1", "127.0.0.1:20880", 21);
        Route newer = new Route("im-access-t2", "127.0.0.2:20880", 22);
        routes.registerAsync(user, 2, "m1", own).get();
        try {
            assertThat(routes.refresh(user, 2, "m1", own).toCompletableFuture().get()).isEqualTo(RouteTable.REFRESHED);

            stack.redisson().getBucket(RouteTable.key(user, 2)).delete();
            stack.redisson().getMap(RouteTable.devicesKey(user)).delete();
            assertThat(routes.refresh(user, 2, "m1", own).toCompletableFuture().get()).isEqualTo(RouteTable.RECREATED);
            assertThat(routes.lookup(user)).isEqualTo(Map.of(2, own));
            assertThat(stack.redisson().getBucket(RouteTable.key(user, 2)).remainTimeToLive()).isPositive();
            assertThat(routes.devices(List.of(user))).isEqualTo(Map.of(user, Map.of(2, "m1")));

            routes.registerAsync(user, 2, "m2", newer).get();
            assertThat(routes.refresh(user, 2, "m1", own).toCompletableFuture().get()).isZero();
            assertThat(routes.lookup(user)).isEqualTo(Map.of(2, newer));
            assertThat(routes.devices(List.of(user))).isEqualTo(Map.of(user, Map.of(2, "m2")));
        } finally {
            routes.remove(user, 2, own).toCompletableFuture().join();
            routes.remove(user, 2, newer).toCompletableFuture().join();
            stack.redisson().getMap(RouteTable.devicesKey(user)).delete();
        }
    }
}
