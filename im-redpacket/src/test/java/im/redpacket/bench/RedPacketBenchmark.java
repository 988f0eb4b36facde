package im.redpacket.bench;

import com.zaxxer.hikari.HikariDataSource;
import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.Caller;
import im.api.redpacket.RedPacketKind;
import im.api.redpacket.SendRedPacket;
import im.infra.config.ImConfig;
import im.infra.config.Namespace;
import im.infra.db.DataSources;
import im.infra.db.DatabaseLayout;
import im.infra.db.SchemaMigrator;
import im.infra.mq.RocketMqFactory;
import im.infra.redis.RedissonFactory;
import im.infra.seata.SeataClient;
import im.redpacket.RedPacketCore;
import im.redpacket.RedPacketSettings;
import im.redpacket.send.SendHandler;
import im.redpacket.support.TestConversations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.redisson.api.RedissonClient;

/**
 * Grabs per second on one hot packet with {@code CONTENDERS} users grabbing at once (200 shares, the
 * maximum), and sends per second, with p50/p99 latencies, through one in-process node on the real
 * MariaDB, Redis, RocketMQ and Seata server. Prints figures; asserts nothing.
 * {@code java -cp ... im.redpacket.bench.RedPacketBenchmark [CONTENDERS=1000] [ROUNDS=3] [SENDS=300] [THREADS=64]}
 * from the repository root with {@code deploy/imctl infra up} running.
 */
public final class RedPacketBenchmark {
    private RedPacketBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int contenders = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int sends = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        ImConfig config = ImConfig.load(Path.of("deploy/config/shared.properties"));
        SchemaMigrator migrator = new SchemaMigrator(Path.of("sql"));
        migrator.migrate(DatabaseLayout.from(config, "wallet"));
        migrator.migrate(DatabaseLayout.from(config, "redpacket"));
        SeataClient.init("im-redpacket-bench", Namespace.from(config), "im_tx_group", config.string("seata.server"));
        HikariDataSource wallet = pool(config, "wallet", 48);
        HikariDataSource redpacket = pool(config, "redpacket", 48);
        RedissonClient redis = RedissonFactory.create(config);
        String deployment = "rp-bench-" + UUID.randomUUID().toString().substring(0, 8);
        long tenant = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        long group = tenant + 1;
        long first = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            users.add(first + i);
        }
        long admin = first + contenders;
        TestConversations org = new TestConversations(tenant).group(group, users).admin(admin);
        RedPacketCore core = RedPacketCore.start(
                new RedPacketSettings(3600, 1000, 1000, 2_000_000, Map.of(), 10_000, 1000, 60_000),
                new RedPacketCore.Databases(wallet, redpacket, SeataClient.proxy(wallet), SeataClient.proxy(redpacket)),
                redis, "im:rp-bench:" + deployment + ":", im.infra.mq.RocketMqFactory.from(config,
                        deployment), deployment, org, p -> 0, new SimpleMeterRegistry(), System::currentTimeMillis,
                SendHandler::newPacketId, false);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Caller sender = new Caller(tenant, users.get(0));
            core.wallet().topUp(new Caller(tenant, admin), sender.userId(), 100_000_000L, "bench-" + deployment);
            SendRedPacket hot = new SendRedPacket(2, group, 200 * 100, 200, RedPacketKind.RANDOM, "bench");
            System.out.printf("hot packet: %d contenders, 200 shares, %d threads, %d rounds%n", contenders, threads,
                    rounds);
            for (int r = 0; r < rounds; r++) {
                long id = core.redPackets().send(sender, hot).redPacketId();
                long[] latency = new long[contenders];
                int[] won = new int[1];
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> fs = new ArrayList<>();
                for (int i = 0; i < contenders; i++) {
                    int u = i;
                    fs.add(pool.submit(() -> {
                        go.await();
                        long t0 = System.nanoTime();
                        try {
                            core.redPackets().grab(new Caller(tenant, users.get(u)), id);
                            synchronized (won) {
                                won[0]++;
                            }
                        } catch (ImException e) {
                            if (e.code() != ErrorCode.RED_PACKET_EMPTY) {
                                System.out.println("  grab refused: " + e.code());
                            }
                        }
                        latency[u] = System.nanoTime() - t0;
                        return null;
                    }));
                }
                long start = System.nanoTime();
                go.countDown();
                for (Future<?> f : fs) {
                    f.get();
                }
                double secs = (System.nanoTime() - start) / 1e9;
                System.out.printf("  round %d: %d grab calls (%d won a share) in %.2f s = %.0f grabs/s;"
                        + " latency p50 %.1f ms, p99 %.1f ms%n", r + 1, contenders, won[0], secs, contenders / secs,
                        pct(latency, 50), pct(latency, 99));
            }
            long[] latency = new long[sends];
            SendRedPacket small = new SendRedPacket(2, group, 1000, 10, RedPacketKind.RANDOM, "bench");
            List<Future<?>> fs = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < sends; i++) {
                int n = i;
                fs.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    core.redPackets().send(new Caller(tenant, users.get(0)), small);
                    latency[n] = System.nanoTime() - t0;
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("sends: %d in %.2f s = %.0f sends/s; latency p50 %.1f ms, p99 %.1f ms (%d threads)%n",
                    sends, secs, sends / secs, pct(latency, 50), pct(latency, 99), threads);
        } finally {
            pool.shutdownNow();
            core.close();
            redis.shutdown();
            wallet.close();
            redpacket.close();
        }
        System.exit(0);
    }

    private static double pct(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
    }

    private static HikariDataSource pool(ImConfig config, String db, int size) {
        DatabaseLayout layout = DatabaseLayout.from(config, db);
        return DataSources.pooled("bench-" + db, layout.urls().get(0), layout.user(), layout.password(), size);
    }
}
