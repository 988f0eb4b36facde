package im.org.bench;

import com.zaxxer.hikari.HikariDataSource;
import im.api.ImException;
import im.api.org.AuthorizationService;
import im.api.org.Caller;
import im.api.org.TenantCreated;
import im.infra.config.ImConfig;
import im.infra.db.DataSources;
import im.infra.db.DatabaseLayout;
import im.infra.mq.RocketMqFactory;
import im.infra.redis.RedissonFactory;
import im.org.OrgMappers;
import im.org.auth.PasswordHasher;
import im.org.authz.AuthorizationEndpoint;
import im.org.authz.CacheInvalidation;
import im.org.authz.OrgCache;
import im.org.department.DepartmentEndpoint;
import im.org.group.GroupEndpoint;
import im.org.group.GroupEventPublisher;
import im.org.scope.ScopeResolver;
import im.org.store.MyBatisFactory;
import im.org.store.Transactions;
import im.org.tenant.TenantEndpoint;
import im.org.visibility.VisibilityEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.redisson.api.RedissonClient;

/**
 * Throughput and latency of {@link AuthorizationService#authorizeSend} inside im-org-service (the
 * cache path, without the Dubbo hop): a fresh tenant of {@code USERS} employees over 10 departments,
 * one of them restricted, and a group of 1,000; {@code THREADS} threads then check random sends
 * (half 1:1 between random employees, about 10% of them to a hidden peer; half from a member to the
 * group) for {@code SECONDS} after a warm-up.
 * {@code java -Xmx512m -cp im-org-service/target/im-org-service.jar im.org.bench.AuthorizationBench
 * deploy/config/im-org-service.properties [USERS=20000] [SECONDS=20] [THREADS=2]}.
 */
public final class AuthorizationBench {
    private static final int DEPARTMENTS = 10;
    private static final int GROUP_SIZE = 1000;
    /** Latencies kept per thread; the rest of the calls are counted, not sampled. */
    private static final int SAMPLES_PER_THREAD = 4_000_000;

    private AuthorizationBench() {
    }

    public static void main(String[] args) throws Exception {
        ImConfig config = ImConfig.load(Path.of(args[0]));
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        DatabaseLayout orgDb = DatabaseLayout.from(config, "org");
        RedissonClient redis = RedissonFactory.create(config);
        DefaultMQProducer producer = RocketMqFactory.from(config, "im-org-bench")
                .producer("im-org-bench");
        try (HikariDataSource db = DataSources.pooled("db-org-bench", orgDb.urls().get(0), orgDb.user(),
                orgDb.password(), 4)) {
            Transactions tx = new Transactions(MyBatisFactory.create("org", db, OrgMappers.all()));
            OrgCache cache = new OrgCache(tx, Duration.ofMinutes(10), 1_000_000, 5_000_000);
            CacheInvalidation invalidation = new CacheInvalidation(cache, redis);
            ScopeResolver scopes = new ScopeResolver();

            TenantCreated tenant = new TenantEndpoint(tx, new PasswordHasher(4)).createTenant(
                    new Caller(0, 0), "bench-" + UUID.randomUUID().toString().substring(0, 8), "Bench", "admin",
                    "Bench-pass-1");
            Caller admin = new Caller(tenant.tenantId(), tenant.adminUserId());
            DepartmentEndpoint departments = new DepartmentEndpoint(tx, scopes, invalidation);
            long[] deptIds = new long[DEPARTMENTS];
            for (int d = 0; d < DEPARTMENTS; d++) {
                deptIds[d] = departments.create(admin, d == 0 ? 0 : deptIds[d % 3 == 0 ? 0 : d - 1], "D" + d);
            }
            new VisibilityEndpoint(tx, scopes, cache, invalidation).setVisibility(admin, deptIds[5],
                    List.of(deptIds[1]));
            long[] userIds = BulkUsers.insert(db, tenant.tenantId(), "b", users, deptIds);
            List<Long> members = new ArrayList<>();
            for (int i = 1; i <= GROUP_SIZE && i < userIds.length; i++) {
                if (i % DEPARTMENTS != 5) { // the owner (in D0) cannot see D5 (visible from D1 only)
                    members.add(userIds[i]);
                }
            }
            long group = new GroupEndpoint(tx, cache, invalidation, new GroupEventPublisher(producer))
                    .create(new Caller(tenant.tenantId(), userIds[0]), "bench group", members);
            AuthorizationEndpoint authz = new AuthorizationEndpoint(cache);

            long[] groupSenders = new long[members.size() + 1];
            groupSenders[0] = userIds[0];
            for (int i = 0; i < members.size(); i++) {
                groupSenders[i + 1] = members.get(i);
            }
            // A running service holds its active users after a while; load them in bulk rather than one miss
            // (one database round trip) at a time, then warm the JIT.
            long loadStart = System.nanoTime();
            List<Long> everyone = new ArrayList<>(userIds.length);
            for (long id : userIds) {
                everyone.add(id);
            }
            cache.users(everyone);
            System.out.printf("bulk-loaded %d user cards in %d ms%n", userIds.length,
                    (System.nanoTime() - loadStart) / 1_000_000);
            run(authz, tenant.tenantId(), userIds, groupSenders, group, threads, 3, null);
            long[][] samples = new long[threads][];
            Result r = run(authz, tenant.tenantId(), userIds, groupSenders, group, threads, seconds, samples);
            long[] all = merge(samples);
            Arrays.sort(all);
            System.out.printf("authorizeSend in-process: users=%d threads=%d seconds=%d calls=%d granted=%d refused=%d%n",
                    users, threads, seconds, r.calls, r.granted, r.calls - r.granted);
            System.out.printf("throughput %.0f checks/s; latency p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us"
                            + " (%d samples)%n", r.calls / (double) seconds, pct(all, 0.50), pct(all, 0.99),
                    pct(all, 0.999), all[all.length - 1] / 1000.0, all.length);
            invalidation.close();
        } finally {
            producer.shutdown();
            redis.shutdown();
        }
    }

    private record Result(long calls, long granted) {
    }

    private static Result run(AuthorizationEndpoint authz, long tenantId, long[] userIds, long[] groupSenders,
                              long group, int threads, int seconds, long[][] samples) throws InterruptedException {
        LongAdder calls = new LongAdder();
        LongAdder granted = new LongAdder();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread w = new Thread(() -> {
                long[] mine = new long[samples == null ? 0 : SAMPLES_PER_THREAD];
                int n = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                long localCalls = 0;
                long localGranted = 0;
                while (System.nanoTime() < end) {
                    boolean toGroup = random.nextBoolean();
                    long sender = toGroup ? groupSenders[random.nextInt(groupSenders.length)]
                            : userIds[random.nextInt(userIds.length)];
                    long target = toGroup ? group : userIds[random.nextInt(userIds.length)];
                    long start = System.nanoTime();
                    try {
                        authz.authorizeSend(tenantId, sender, toGroup ? AuthorizationService.CONV_GROUP
                                : AuthorizationService.CONV_SINGLE, target);
                        localGranted++;
                    } catch (ImException refused) {
                        // hidden peers, non-members, oneself: part of the mix
                    }
                    long took = System.nanoTime() - start;
                    if (n < mine.length) {
                        mine[n++] = took;
                    }
                    localCalls++;
                }
                calls.add(localCalls);
                granted.add(localGranted);
                if (samples != null) {
                    samples[index] = Arrays.copyOf(mine, n);
                }
            }, "authz-bench-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        return new Result(calls.sum(), granted.sum());
    }

    private static long[] merge(long[][] samples) {
        int size = 0;
        for (long[] s : samples) {
            size += s.length;
        }
        long[] all = new long[size];
        int at = 0;
        for (long[] s : samples) {
            System.arraycopy(s, 0, all, at, s.length);
            at += s.length;
        }
        return all;
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1000.0;
    }
}
