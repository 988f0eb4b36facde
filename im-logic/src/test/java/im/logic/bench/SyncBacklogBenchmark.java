package im.logic.bench;

import im.api.message.SendRequest;
import im.api.message.SessionCaller;
import im.api.message.SyncResult;
import im.infra.config.ImConfig;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.apache.curator.framework.CuratorFramework;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.redisson.api.RedissonClient;

/**
 * Sync of a backlog (a program, not a test): a user who was offline while {@code entries} messages
 * arrived logs in and pages through {@code MessageService.sync} from seq 0, 500 entries a page (the
 * protocol's maximum), until {@code has_more} is false; prints the time to complete, twice (cold and
 * warm database caches). The backlog is written first through the production object graph (sends to
 * a two-member group on 4 threads). In-process: the Dubbo hop and the gateway are not included.
 *
 * <p>{@code java -Xmx512m -cp im-logic/target/test-classes:im-logic/target/classes:im-logic/target/lib/*
 * im.logic.bench.SyncBacklogBenchmark [entries]} from the repository root, with the infrastructure up.
 */
public final class SyncBacklogBenchmark {
    private static final int PAGE = 500;

    private SyncBacklogBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        ImConfig config = ImConfig.load(Path.of("deploy/config/shared.properties"));
        LogicSettings settings = LogicSettings.from(config);
        DatabaseLayout layout = DatabaseLayout.from(config, "msg");
        DataSource sharded = ShardingDataSourceFactory.create(layout, 8);
        RedissonClient redis = RedissonFactory.create(config);
        CuratorFramework zk = CuratorFactory.create(config, 10_000, 5_000);
        DefaultMQProducer producer = RocketMqFactory.from(config, "sync-bench")
                .producer("im-logic-bench");
        TestOrg org = new TestOrg(9);
        long base = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52);
        long sender = base;
        long reader = base + 1;
        long group = base - 1;
        org.group(group, List.of(sender, reader));
        try (ZkWorkerLease lease = ZkWorkerLease.acquire(zk, "sync-bench");
             MessagingCore core = new MessagingCore("bench", settings, im.logic.lane.LaneSettings.from(config), sharded, layout.tableCount(), im.infra.db.PhysicalShards.pooled(layout, "bench-lanes", 10), redis,
                     new MsgIdGenerator(lease, System::currentTimeMillis), org, org,
                     new EventPublisher(producer, new SimpleMeterRegistry()), Pusher.NONE,
                     new SimpleMeterRegistry(), System::currentTimeMillis)) {
            long writeStart = System.nanoTime();
            writeBacklog(core, org.tenantId(), sender, group, entries);
            System.out.printf("backlog of %d entries written in %.1f s%n", entries,
                    (System.nanoTime() - writeStart) / 1e9);
            SessionCaller caller = new SessionCaller(org.tenantId(), reader, "bench-reader", 2, 0);
            for (String round : List.of("cold", "warm")) {
                long start = System.nanoTime();
                long since = 0;
                int pages = 0;
                int got = 0;
                while (true) {
                    SyncResult page = new im.logic.support.BlockingMessages(core.endpoint()).sync(caller, since, PAGE);
                    pages++;
                    got += page.messages().size();
                    if (!page.messages().isEmpty()) {
                        since = page.messages().get(page.messages().size() - 1).seq();
                    }
                    if (!page.hasMore()) {
                        break;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (got != entries) {
                    throw new IllegalStateException("synced " + got + " entries, expected " + entries);
                }
                System.out.printf("sync (%s): %d entries in %d pages, %.2f s, %.0f entries/s%n", round, got, pages,
                        seconds, got / seconds);
            }
        } finally {
            producer.shutdown();
            zk.close();
            redis.shutdown();
            ((AutoCloseable) sharded).close();
        }
    }

    private static void writeBacklog(MessagingCore core, long tenant, long sender, long group, int entries)
            throws Exception {
        SessionCaller caller = new SessionCaller(tenant, sender, "bench-sender", 1, 0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int share = entries / 4 + (t < entries % 4 ? 1 : 0);
            work.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    new im.logic.support.BlockingMessages(core.endpoint()).send(caller, new SendRequest(UUID.randomUUID().toString(), 2, group, 1,
                            "backlog message " + i, new byte[0], false, List.of()));
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
    }
}
