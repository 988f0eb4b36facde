package im.extlogic.bench;

import im.api.ImException;
import im.api.message.MessageSentEvent;
import im.api.search.MessageQuery;
import im.api.search.SearchCaller;
import im.extlogic.archive.ArchiveIndices;
import im.extlogic.archive.ArchiveOp;
import im.extlogic.archive.ArchiveSettings;
import im.extlogic.archive.BulkArchiver;
import im.extlogic.search.ArchiveSearchService;
import im.extlogic.search.SearchAudit;
import im.infra.es.ElasticsearchFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.action.admin.indices.delete.DeleteIndexRequest;
import org.elasticsearch.action.admin.indices.refresh.RefreshRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.indices.DeleteComposableIndexTemplateRequest;

/**
 * Indexing throughput and search latency of the archive on this machine: a program that prints
 * figures, not a test. Loads {@code N} synthetic messages (10 tenants, 1,000 users each, single and
 * group chats, mixed Latin and CJK text, send times over the last 90 days) through
 * {@link BulkArchiver} exactly as the consumers feed it ({@code T} submitter threads, 32 events per
 * submit, each waiting for its bulk), then runs employee and admin searches and prints p50/p99.
 *
 * <pre>
 * cd /work/main && mvn -B -q -o -pl im-ext-logic -am package -DskipTests
 * java -Xmx512m -cp "im-ext-logic/target/test-classes:im-ext-logic/target/classes:im-ext-logic/target/lib/*" \
 *     im.extlogic.bench.ArchiveBenchmark 200000 8 [keep]
 * </pre>
 */
@SuppressWarnings("deprecation") // the high-level REST client (ARCHITECTURE.md)
public final class ArchiveBenchmark {
    private static final int TENANTS = 10;
    private static final int USERS = 1000;
    private static final int PER_SUBMIT = 32;
    private static final String[] LATIN = ("deploy release budget meeting invoice contract review design kafka "
            + "elasticsearch schedule customer report quarterly revenue migration incident rollback approval "
            + "holiday travel hiring interview roadmap sprint backlog database latency outage launch").split(" ");
    private static final String[] CJK = ("分布式事务 中间件 会议纪要 季度收入 客户拜访 发布计划 数据库 迁移方案 故障复盘 "
            + "预算审批 招聘面试 出差报销 产品路线 性能测试 上线通知 合同评审").split(" ");

    private ArchiveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        boolean keep = args.length > 2 && args[2].equals("keep");
        String prefix = "bench-archive";
        ArchiveSettings settings = new ArchiveSettings(prefix, 1, 0, "5s", 1000, 100, 20_000, threads, "bench", 180, 60);
        RestHighLevelClient es = ElasticsearchFactory.create(List.of("http://127.0.0.1:9200"), 60_000);
        ArchiveIndices indices = new ArchiveIndices(settings);
        indices.installTemplate(es);
        BulkArchiver archiver = new BulkArchiver(es, indices, settings, new SimpleMeterRegistry());
        try {
            long loadNanos = load(archiver, n, threads);
            es.indices().refresh(new RefreshRequest(indices.alias()), RequestOptions.DEFAULT);
            System.out.printf("indexed %,d messages with %d submitter threads in %.1f s: %,.0f messages/s%n", n,
                    threads, loadNanos / 1e9, n / (loadNanos / 1e9));
            ArchiveSearchService search = new ArchiveSearchService(es, indices, new SearchAudit());
            latency("employee search (own conversations, 1 word)", 2000, r -> search.searchOwn(
                    new SearchCaller(1 + r.nextInt(TENANTS), 1 + r.nextInt(USERS)), MessageQuery.of(word(r))));
            latency("employee search (CJK phrase + 30-day range)", 1000, r -> search.searchOwn(
                    new SearchCaller(1 + r.nextInt(TENANTS), 1 + r.nextInt(USERS)),
                    new MessageQuery(CJK[r.nextInt(CJK.length)], 0, 0, 0,
                            System.currentTimeMillis() - TimeUnit.DAYS.toMillis(30), 0, 1, 20)));
            latency("admin search (whole tenant, 2 words, page 3)", 500, r -> search.searchTenant(
                    new SearchCaller(1 + r.nextInt(TENANTS), 1), new MessageQuery(word(r) + " " + word(r), 0, 0, 0,
                            0, 0, 3, 20)));
        } finally {
            archiver.close();
            if (!keep) {
                es.indices().delete(new DeleteIndexRequest(indices.pattern()), RequestOptions.DEFAULT);
                es.indices().deleteIndexTemplate(new DeleteComposableIndexTemplateRequest(prefix),
                        RequestOptions.DEFAULT);
            }
            es.close();
        }
    }

    private static String word(Random r) {
        return r.nextBoolean() ? LATIN[r.nextInt(LATIN.length)] : CJK[r.nextInt(CJK.length)];
    }

    private static long load(BulkArchiver archiver, int n, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long now = System.currentTimeMillis();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                Random r = new Random(thread);
                for (int i = thread * PER_SUBMIT; i < n; i += threads * PER_SUBMIT) {
                    List<ArchiveOp> ops = new ArrayList<>(PER_SUBMIT);
                    for (int j = i; j < Math.min(i + PER_SUBMIT, n); j++) {
                        ops.add(new ArchiveOp.Index(message(r, j + 1L, now)));
                    }
                    submitUntilTaken(archiver, ops);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return System.nanoTime() - start;
    }

    private static void submitUntilTaken(BulkArchiver archiver, List<ArchiveOp> ops) throws Exception {
        while (true) {
            CompletableFuture<Void> f = archiver.submit(ops);
            try {
                f.get(120, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                Thread.sleep(50); // queue full or a failed bulk: what RocketMQ redelivery would do, faster
            }
        }
    }

    private static MessageSentEvent message(Random r, long msgId, long now) {
        long tenant = 1 + r.nextInt(TENANTS);
        long from = 1 + r.nextInt(USERS);
        long sendTime = now - (long) (r.nextDouble() * TimeUnit.DAYS.toMillis(90));
        StringBuilder text = new StringBuilder();
        for (int w = 0, words = 3 + r.nextInt(8); w < words; w++) {
            text.append(w == 0 ? "" : " ").append(word(r));
        }
        if (r.nextInt(4) == 0) { // a group of 20 consecutive users
            long group = 1 + r.nextInt(50);
            List<Long> members = new ArrayList<>();
            for (long u = group * 20; u < group * 20 + 20; u++) {
                if (u != from) {
                    members.add(u);
                }
            }
            return new MessageSentEvent(msgId, tenant, 2, group, from, sendTime, 1, text.toString(), false, members,
                    List.of());
        }
        long to = 1 + r.nextInt(USERS);
        return new MessageSentEvent(msgId, tenant, 1, to, from, sendTime, 1, text.toString(), true, List.of(to),
                List.of());
    }

    private interface Query {
        Object run(Random r) throws ImException;
    }

    private static void latency(String name, int count, Query query) throws ImException {
        Random r = new Random(42);
        for (int i = 0; i < 100; i++) { // warm-up: JIT and Elasticsearch caches
            query.run(r);
        }
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            query.run(r);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%s: %d queries, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", name, count,
                nanos[count / 2] / 1e6, nanos[(int) (count * 0.99)] / 1e6, nanos[count - 1] / 1e6);
    }
}
