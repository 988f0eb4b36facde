package im.logic.bench;

import im.api.message.SendRequest;
import im.api.message.SessionCaller;
import im.infra.config.ImConfig;
import im.infra.db.DataSources;
import im.infra.db.DatabaseLayout;
import im.infra.db.ShardingDataSourceFactory;
import im.infra.mq.RocketMqFactory;
import im.infra.redis.RedissonFactory;
import im.infra.zk.CuratorFactory;
import im.logic.LogicSettings;
import im.logic.MessagingCore;
import im.logic.event.EventPublisher;
import im.logic.id.MsgIdGenerator;
import im.logic.id.ZkWorkerLease;
import im.logic.push.Pusher;
import im.logic.support.TestOrg;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.apache.curator.framework.CuratorFramework;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.redisson.api.RedissonClient;

/**
 * Fan-out benchmark (a program, not a test): timeline rows per second for sends to a 10,000-member
 * group through the production object graph, against the ceiling of the same MariaDB in the same
 * run: raw multi-row INSERTs of the same rows (1000 per statement, straight into the physical
 * tables, as many threads as {@code fanout.writers}).
 *
 * <p>{@code java -Xmx512m -cp im-logic/target/test-classes:im-logic/target/classes:im-logic/target/lib/*
 * im.logic.bench.FanoutBenchmark [messages]} from the repository root, with the infrastructure up.
 */
public final class FanoutBenchmark {
    private static final int MEMBERS = 10_000;

    private FanoutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        ImConfig config = ImConfig.load(Path.of("deploy/config/shared.properties"))
                .with("fanout.answer-wait.ms", "60000");
        LogicSettings settings = LogicSettings.from(config);
        DatabaseLayout layout = DatabaseLayout.from(config, "msg");
        DataSource sharded = ShardingDataSourceFactory.create(layout, 8);
        RedissonClient redis = RedissonFactory.create(config);
        CuratorFramework zk = CuratorFactory.create(config, 10_000, 5_000);
        DefaultMQProducer producer = RocketMqFactory.from(config, "fanout-bench")
                .producer("im-logic-bench");
        try {
            double ceiling = rawInsertRate(config, layout, settings.fanoutWriters(), messages);
            double fanout = fanoutRate(config, settings, sharded, redis, zk, producer, messages);
            System.out.printf("raw multi-row INSERT ceiling: %.0f rows/s%n", ceiling);
            System.out.printf("fan-out through im-logic:     %.0f rows/s (%d messages x %d members)%n", fanout,
                    messages, MEMBERS);
            System.out.printf("ratio: %.2f%n", fanout / ceiling);
        } finally {
            producer.shutdown();
            zk.close();
            redis.shutdown();
            ((AutoCloseable) sharded).close();
        }
    }

    private static double fanoutRate(ImConfig config, LogicSettings settings, DataSource sharded, RedissonClient redis,
                                     CuratorFramework zk, DefaultMQProducer producer, int messages) throws Exception {
        TestOrg org = new TestOrg(9);
        long base = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52);
        List<Long> members = LongStream.range(base, base + MEMBERS).boxed().toList();
        long group = base - 1;
        org.group(group, members);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (ZkWorkerLease lease = ZkWorkerLease.acquire(zk, "fanout-bench");
             MessagingCore core = new MessagingCore("bench", settings, im.logic.lane.LaneSettings.from(config), sharded,
                     DatabaseLayout.from(config, "msg").tableCount(),
                     im.infra.db.PhysicalShards.pooled(DatabaseLayout.from(config, "msg"), "bench-lanes", 10), redis,
                     new MsgIdGenerator(lease, System::currentTimeMillis), org, org,
                     new EventPublisher(producer, new SimpleMeterRegistry()), Pusher.NONE,
                     metrics, System::currentTimeMillis)) {
            send(core, org, members.get(0), group); // warm-up: first sections, counters, unread hashes
            core.flushUnread();
            io.micrometer.core.instrument.Timer lag = metrics.get("im.unread.merge.lag").timer();
            long flushesBefore = lag.count();
            double lagBefore = lag.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                if (send(core, org, members.get(i % MEMBERS), group) == 0) {
                    throw new IllegalStateException("fan-out not done within the answer wait");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            core.flushUnread();
            for (String phase : List.of("seq", "entries", "unread")) {
                io.micrometer.core.instrument.Timer timer = metrics.get("im.fanout.chunk.phase").tag("phase", phase)
                        .timer();
                System.out.printf("  phase %-12s mean %.1f ms per 1000-member chunk (%d chunks)%n", phase,
                        timer.mean(java.util.concurrent.TimeUnit.MILLISECONDS), timer.count());
            }
            long flushes = lag.count() - flushesBefore;
            System.out.printf("  merged unread lag after warm-up: mean %.0f ms over %d flushes%n",
                    (lag.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) - lagBefore) / Math.max(1, flushes),
                    flushes);
            return messages * (double) MEMBERS / seconds;
        }
    }

    private static long send(MessagingCore core, TestOrg org, long from, long group) throws Exception {
        return new im.logic.support.BlockingMessages(core.endpoint()).send(new SessionCaller(org.tenantId(), from, "bench", 1, 0),
                new SendRequest(UUID.randomUUID().toString(), 2, group, 1, "bench", new byte[0], false, List.of()))
                .seq();
    }

    /** The same rows as a fan-out writes, straight into the physical tables, 1000 per statement. */
    private static double rawInsertRate(ImConfig config, DatabaseLayout layout, int threads, int messages)
            throws Exception {
        List<DataSource> dbs = new ArrayList<>();
        for (int db = 0; db < layout.databaseCount(); db++) {
            dbs.add(DataSources.pooled("bench-raw-" + db, layout.urls().get(db), layout.user(), layout.password(),
                    threads));
        }
        long base = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52);
        int tables = layout.tableCount();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            long msgId = base + m;
            for (int t = 0; t < tables; t++) {
                int table = t;
                work.add(pool.submit(() -> {
                    insertTable(dbs.get(table % layout.databaseCount()), table, tables, base, msgId);
                    return null;
                }));
            }
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        for (DataSource d : dbs) {
            ((AutoCloseable) d).close();
        }
        return messages * (double) MEMBERS / seconds;
    }

    private static void insertTable(DataSource db, int table, int tables, long base, long msgId) throws Exception {
        List<Long> users = new ArrayList<>();
        for (long u = base; u < base + MEMBERS; u++) {
            if (u % tables == table) {
                users.add(u);
            }
        }
        long seq = msgId - base + 1;
        try (Connection c = db.getConnection()) {
            for (int from = 0; from < users.size(); from += 1000) {
                List<Long> chunk = users.subList(from, Math.min(users.size(), from + 1000));
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_timeline_" + table
                        + " (user_id, seq, msg_id, kind, conv_type, conv_id, ref_msg_id, create_time, from_user_id)"
                        + " VALUES " + "(?, ?, ?, 0, 2, ?, 0, ?, ?),".repeat(chunk.size() - 1)
                        + "(?, ?, ?, 0, 2, ?, 0, ?, ?)")) {
                    int p = 1;
                    for (Long u : chunk) {
                        ps.setLong(p++, u);
                        ps.setLong(p++, seq);
                        ps.setLong(p++, msgId);
                        ps.setLong(p++, base - 1);
                        ps.setLong(p++, System.currentTimeMillis());
                        ps.setLong(p++, base);
                    }
                    ps.executeUpdate();
                }
            }
        }
    }
}
