package im.org.bench;

import com.zaxxer.hikari.HikariDataSource;
import im.api.ImException;
import im.api.org.Caller;
import im.api.org.DirectoryPage;
import im.api.org.TenantCreated;
import im.infra.config.ImConfig;
import im.infra.db.DataSources;
import im.infra.db.DatabaseLayout;
import im.infra.redis.RedissonFactory;
import im.org.OrgMappers;
import im.org.auth.PasswordHasher;
import im.org.authz.CacheInvalidation;
import im.org.authz.OrgCache;
import im.org.department.DepartmentEndpoint;
import im.org.directory.DirectoryCache;
import im.org.directory.DirectoryEndpoint;
import im.org.scope.ScopeResolver;
import im.org.store.MyBatisFactory;
import im.org.store.Transactions;
import im.org.tenant.TenantEndpoint;
import im.org.visibility.VisibilityEndpoint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.redisson.api.RedissonClient;

/**
 * Latency of the employee directory inside im-org-service (the cache path, without the Dubbo hop):
 * a fresh tenant of {@code USERS} employees with mixed Chinese and Latin names over 20 departments,
 * one of them restricted, viewed by an employee who cannot see it; then {@code SEARCHES} prefix
 * searches (page 1 of 20, total counted) with 1..3-character prefixes of real names and 2..4-character
 * prefixes of accounts, and {@code BATCHES} profile lookups of 200 random ids, one thread, after a warm-up.
 * {@code java -Xmx1g -cp "im-org-service/target/im-org-service.jar:im-org-service/target/lib/*"
 * im.org.bench.DirectoryBench deploy/config/im-org-service.properties [USERS=100000] [SEARCHES=5000]
 * [BATCHES=5000]}.
 */
public final class DirectoryBench {
    private static final int DEPARTMENTS = 20;
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红梅";
    private static final String[] LATIN = {"Alice", "Bob", "Carol", "David", "Emma", "Frank", "Grace", "Henry",
        "Irene", "Jack", "Karen", "Leo", "Maria", "Nina", "Oscar", "Paul", "Quinn", "Rosa", "Sam", "Tina"};

    private DirectoryBench() {
    }

    public static void main(String[] args) throws Exception {
        ImConfig config = ImConfig.load(Path.of(args[0]));
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int searches = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        int batches = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
        DatabaseLayout orgDb = DatabaseLayout.from(config, "org");
        RedissonClient redis = RedissonFactory.create(config);
        try (HikariDataSource db = DataSources.pooled("db-org-bench", orgDb.urls().get(0), orgDb.user(),
                orgDb.password(), 4)) {
            Transactions tx = new Transactions(MyBatisFactory.create("org", db, OrgMappers.all()));
            OrgCache cache = new OrgCache(tx, Duration.ofMinutes(30), 1_000_000, 5_000_000);
            CacheInvalidation invalidation = new CacheInvalidation(cache, redis);
            ScopeResolver scopes = new ScopeResolver();
            TenantCreated tenant = new TenantEndpoint(tx, new PasswordHasher(4)).createTenant(new Caller(0, 0),
                    "dirbench-" + UUID.randomUUID().toString().substring(0, 8), "Directory bench", "admin",
                    "Bench-pass-1");
            Caller admin = new Caller(tenant.tenantId(), tenant.adminUserId());
            DepartmentEndpoint departments = new DepartmentEndpoint(tx, scopes, invalidation);
            long[] deptIds = new long[DEPARTMENTS];
            for (int d = 0; d < DEPARTMENTS; d++) {
                deptIds[d] = departments.create(admin, d < 5 ? 0 : deptIds[d % 5], "部门 " + d);
            }
            new VisibilityEndpoint(tx, scopes, cache, invalidation).setVisibility(admin, deptIds[7],
                    List.of(deptIds[2]));
            long[] ids = BulkUsers.insert(db, tenant.tenantId(), "u", users, deptIds);
            String[] names = rename(db, ids);
            Caller viewer = new Caller(tenant.tenantId(), ids[1]); // in department 1: cannot see 7
            DirectoryEndpoint directory = new DirectoryEndpoint(cache, new DirectoryCache(tx, cache,
                    Duration.ofMinutes(30), 4), id -> "");

            long loadStart = System.nanoTime();
            directory.search(viewer, "王", 1, 20);
            System.out.printf("loaded the directory of %d employees in %d ms%n", users,
                    (System.nanoTime() - loadStart) / 1_000_000);
            Random random = new Random(17);
            String[] queries = new String[searches];
            for (int i = 0; i < searches; i++) {
                int who = random.nextInt(users);
                boolean account = random.nextInt(4) == 0; // accounts are u0..u99999: "u" alone matches all
                String source = account ? "u" + who : names[who];
                queries[i] = source.substring(0, Math.min(source.length(), (account ? 2 : 1) + random.nextInt(3)));
            }
            List<List<Long>> lookups = new ArrayList<>(batches);
            for (int i = 0; i < batches; i++) {
                lookups.add(random.ints(0, users).distinct().limit(200).mapToObj(x -> ids[x]).toList());
            }
            measureSearch(directory, viewer, Arrays.copyOf(queries, Math.min(1000, searches)), false);
            measureSearch(directory, viewer, queries, true);
            measureProfiles(directory, viewer, lookups.subList(0, Math.min(500, batches)), false);
            measureProfiles(directory, viewer, lookups, true);
            invalidation.close();
        } finally {
            redis.shutdown();
        }
    }

    /** Gives every bulk user a name: 3 in 4 Chinese (surname + 1..2 given), 1 in 4 Latin. */
    private static String[] rename(HikariDataSource db, long[] ids) throws Exception {
        Random random = new Random(42);
        String[] names = new String[ids.length];
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("UPDATE org_user SET name = ? WHERE id = ?")) {
                for (int i = 0; i < ids.length; i++) {
                    names[i] = random.nextInt(4) == 0
                            ? LATIN[random.nextInt(LATIN.length)] + " " + LATIN[random.nextInt(LATIN.length)].charAt(0) + "."
                            : SURNAMES.charAt(random.nextInt(SURNAMES.length())) + ""
                                    + GIVEN.charAt(random.nextInt(GIVEN.length()))
                                    + (random.nextBoolean() ? "" : GIVEN.charAt(random.nextInt(GIVEN.length())));
                    p.setString(1, names[i]);
                    p.setLong(2, ids[i]);
                    p.addBatch();
                }
                p.executeBatch();
            }
            c.commit();
        }
        return names;
    }

    private static void measureSearch(DirectoryEndpoint directory, Caller viewer, String[] queries, boolean print)
            throws ImException {
        long[] took = new long[queries.length];
        long matched = 0;
        for (int i = 0; i < queries.length; i++) {
            long start = System.nanoTime();
            DirectoryPage page = directory.search(viewer, queries[i], 1, 20);
            took[i] = System.nanoTime() - start;
            matched += page.total();
        }
        if (print) {
            Arrays.sort(took);
            System.out.printf("search (page 1 of 20, total counted): %d queries, mean total %.0f matches;"
                            + " p50 %.1f us, p99 %.1f us, max %.1f us%n", queries.length, matched / (double) queries.length,
                    pct(took, 0.50), pct(took, 0.99), took[took.length - 1] / 1000.0);
        }
    }

    private static void measureProfiles(DirectoryEndpoint directory, Caller viewer, List<List<Long>> lookups,
                                        boolean print) throws ImException {
        long[] took = new long[lookups.size()];
        long found = 0;
        for (int i = 0; i < lookups.size(); i++) {
            long start = System.nanoTime();
            found += directory.profiles(viewer, lookups.get(i)).size();
            took[i] = System.nanoTime() - start;
        }
        if (print) {
            Arrays.sort(took);
            System.out.printf("profiles of 200 ids: %d lookups, mean %.1f visible; p50 %.1f us, p99 %.1f us,"
                            + " max %.1f us%n", lookups.size(), found / (double) lookups.size(), pct(took, 0.50),
                    pct(took, 0.99), took[took.length - 1] / 1000.0);
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1000.0;
    }
}
