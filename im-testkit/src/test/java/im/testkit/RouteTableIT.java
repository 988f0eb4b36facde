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

/** Route lookups for many users in one {@code MGET}, through the stack's namespace. */
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
}
