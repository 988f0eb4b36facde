package im.receipt.bench;

import im.api.message.MessageEventCodec;
import im.api.message.MessageReadEvent;
import im.api.message.MessageSentEvent;
import im.api.message.MessageTopics;
import im.api.message.SessionCaller;
import im.api.receipt.ReceiptDetail;
import im.infra.config.ImConfig;
import im.infra.db.DatabaseLayout;
import im.infra.db.PhysicalShards;
import im.infra.db.SchemaMigrator;
import im.infra.db.ShardingDataSourceFactory;
import im.infra.mq.RocketMqFactory;
import im.receipt.ReceiptCore;
import im.receipt.ReceiptSettings;
import im.receipt.store.ReceiptStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Receipt benchmark (a program, not a test): for one message to a 10,000-member group, how fast the
 * production receipt graph ({@link ReceiptCore}) absorbs one read event per member from RocketMQ, and
 * the latency of {@code RECEIPT_QUERY} for that message (in process: the row read, the permission
 * check, the 10,000 ids split into the read and unread lists; Dubbo's serialization of them is not included).
 *
 * <p>All read events are published first, onto the conversation's queue as im-logic publishes them
 * (one group = one queue = one consumer thread), then the consumer starts; the rate is measured from
 * the first applied mark to the last, so the consumer's start-up is not in it. Uses its own topics and
 * consumer groups.
 *
 * <p>{@code java -Xmx512m -cp im-receipt-service/target/test-classes:im-receipt-service/target/classes:im-receipt-service/target/lib/*
 * im.receipt.bench.ReceiptBenchmark [members] [queries]} from the repository root, infrastructure up.
 */
public final class ReceiptBenchmark {
    private ReceiptBenchmark() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // RocketMQ's client threads are not daemons and would keep the JVM up
    }

    /** The first send creates the topic; on a loaded machine it may time out, so it is retried. */
    private static void createTopic(DefaultMQProducer producer, String topic, byte[] body) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                producer.send(new Message(topic, "GROUP", body));
                return;
            } catch (Exception e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(2000);
            }
        }
    }

    private static void run(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        String run = UUID.randomUUID().toString().substring(0, 8);
        ImConfig config = ImConfig.load(Path.of("deploy/config/shared.properties"))
                .with("receipt.topic.sent", "BENCH_RCPT_SENT_" + run)
                .with("receipt.topic.read", "BENCH_RCPT_READ_" + run)
                .with("receipt.consumer.group.sent", "bench-receipt-sent-" + run)
                .with("receipt.consumer.group.read", "bench-receipt-read-" + run);
        ReceiptSettings settings = ReceiptSettings.from(config);
        DatabaseLayout layout = DatabaseLayout.from(config, "receipt");
        new SchemaMigrator(Path.of("sql")).migrate(layout);
        DataSource db = ShardingDataSourceFactory.create(layout, 8);
        PhysicalShards shards = PhysicalShards.pooled(layout, "bench-receipt-physical", 8);
        RocketMqFactory mq = RocketMqFactory.from(config, "receipt-bench-" + run);

        long base = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52);
        long tenant = base;
        long sender = base + 1;
        long group = base + 2;
        long msgId = base * 2;
        List<Long> recipients = LongStream.range(base + 100, base + 100 + members).boxed().toList();
        new ReceiptStore(db, shards, 1).record(List.of(new MessageSentEvent(msgId, tenant, 2, group, sender,
                System.currentTimeMillis(), 1, "bench", true, recipients, List.of())), System.currentTimeMillis());

        DefaultMQProducer producer = mq.producer("receipt-bench-" + run);
        createTopic(producer, settings.readTopic(), MessageEventCodec.encode(new MessageReadEvent(tenant, 1, 2, group, 1,
                1)));
        List<MessageQueue> queues = producer.fetchPublishMessageQueues(settings.readTopic());
        MessageQueue queue = queues.get((int) Math.floorMod(MessageTopics.readQueueKey(2, 0, group),
                (long) queues.size()));
        long t0 = System.nanoTime();
        for (long reader : recipients) {
            producer.send(new Message(settings.readTopic(), "GROUP", MessageEventCodec.encode(new MessageReadEvent(
                    tenant, reader, 2, group, 9, System.currentTimeMillis(), List.of(msgId)))), queue);
        }
        double publishSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("published %d read events in %.1f s (%.0f/s, one producer thread)%n", members,
                publishSeconds, members / publishSeconds);

        AtomicLong frames = new AtomicLong();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (ReceiptCore core = new ReceiptCore(settings, db, shards, mq, (t, u, m) -> false,
                sent -> frames.addAndGet(sent.size()), System::currentTimeMillis, metrics)) {
            ReceiptStore store = core.store();
            int first;
            while ((first = store.find(msgId).orElseThrow().reads().count()) == 0) {
                Thread.sleep(5);
            }
            long tFirst = System.nanoTime();
            while (store.find(msgId).orElseThrow().reads().count() < members) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - tFirst) / 1e9;
            System.out.printf("absorbed %d read events of one %d-member group message in %.2f s: %.0f read events/s"
                            + " (first poll saw %d; bursts: %d, mean burst apply %.1f ms; notify frames %d)%n",
                    members - first, members, seconds, (members - first) / seconds, first,
                    metrics.timer("im.receipt.read.apply").count(),
                    metrics.timer("im.receipt.read.apply").mean(java.util.concurrent.TimeUnit.MILLISECONDS),
                    frames.get());

            SessionCaller caller = new SessionCaller(tenant, sender, "bench", 1, 0);
            for (int i = 0; i < 200; i++) {
                core.endpoint().query(caller, msgId); // warm-up
            }
            long[] nanos = new long[queries];
            int listed = 0;
            for (int i = 0; i < queries; i++) {
                long q0 = System.nanoTime();
                ReceiptDetail d = core.endpoint().query(caller, msgId);
                nanos[i] = System.nanoTime() - q0;
                listed = d.readUserIds().size() + d.unreadUserIds().size();
            }
            Arrays.sort(nanos);
            System.out.printf("RECEIPT_QUERY of the %d-member message (%d ids listed), %d queries, one thread:"
                            + " p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", members, listed, queries,
                    nanos[queries / 2] / 1e6, nanos[(int) (queries * 0.99)] / 1e6, nanos[queries - 1] / 1e6);
        } finally {
            producer.shutdown();
            shards.close();
            if (db instanceof AutoCloseable c) {
                c.close();
            }
        }
    }
}
