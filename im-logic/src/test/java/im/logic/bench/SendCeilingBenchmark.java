package im.logic.bench;

import im.infra.config.ImConfig;
import im.infra.db.DatabaseLayout;
import im.infra.db.PhysicalShards;
import im.infra.db.SchemaMigrator;
import im.logic.conversation.ConversationRow;
import im.logic.conversation.ConversationStore;
import im.logic.message.MessageStore;
import im.logic.message.StoredMessage;
import im.logic.timeline.TimelineRow;
import im.logic.timeline.TimelineStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database ceiling of a 1:1 send (a program, not a test): the rows a send stores, written by raw
 * batched JDBC straight into the physical tables with nothing else in the way (no Redis, no RPC, no
 * lanes): per message one {@code message} row, two {@code user_timeline} rows and two
 * {@code conversation} upserts, in batches of {@code batch} messages, one transaction per physical
 * database and batch, on {@code threads} threads (as many as {@code lane.count}). The end-to-end
 * durable rate of {@code im-bench single} is reported as a ratio of this.
 *
 * <p>{@code java -Xmx512m -cp im-logic/target/test-classes:im-logic/target/classes:im-logic/target/lib/*
 * im.logic.bench.SendCeilingBenchmark [seconds] [threads] [batch]} from the repository root, with the
 * infrastructure up; it writes into the databases of namespace {@code bench} (migrated at start).
 */
public final class SendCeilingBenchmark {
    private SendCeilingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        // a namespace of its own: the rows go to im_bench_msg_*, never into a running stack's databases
        ImConfig config = ImConfig.load(Path.of("deploy/config/shared.properties")).with("namespace", "bench");
        DatabaseLayout layout = DatabaseLayout.from(config, "msg");
        new SchemaMigrator(Path.of("sql")).migrate(layout);
        AtomicLong written = new AtomicLong();
        AtomicLong nextId = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 50, 1L << 58));
        try (PhysicalShards shards = PhysicalShards.pooled(layout, "ceiling", threads)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    long user = nextId.addAndGet(1_000_000); // each thread its own users: no lock waits
                    long seq = 0;
                    while (System.nanoTime() < end) {
                        List<StoredMessage> messages = new ArrayList<>(batch);
                        List<TimelineRow> rows = new ArrayList<>(batch * 2);
                        List<ConversationRow> convs = new ArrayList<>(batch * 2);
                        long now = System.currentTimeMillis();
                        seq++;
                        for (int i = 0; i < batch; i++) {
                            long from = user + 2 * (i % 50);
                            long to = from + 1;
                            long msgId = nextId.incrementAndGet();
                            messages.add(new StoredMessage(msgId, 1, 1, to, from, "c" + msgId, 1, "ceiling " + i,
                                    new byte[0], true, List.of(), now, false));
                            long s = seq * batch + i;
                            rows.add(new TimelineRow(from, s, msgId, 0, 1, to, 0, now, from));
                            rows.add(new TimelineRow(to, s, msgId, 0, 1, from, 0, now, from));
                            convs.add(new ConversationRow(from, 1, to, msgId, s, 0, 0, now));
                            convs.add(new ConversationRow(to, 1, from, msgId, s, 0, 0, now));
                        }
                        write(shards, messages, rows, dedupLast(convs));
                        written.addAndGet(batch);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            System.out.printf("raw batched JDBC ceiling of a 1:1 send: %.0f msg/s (%d messages in %.1f s, %d threads,"
                    + " batches of %d; 1 message + 2 timeline rows + 2 conversation upserts each)%n",
                    written.get() / elapsed, written.get(), elapsed, threads, batch);
        }
    }

    /** One upsert per member and conversation, the last one, as the lanes merge them. */
    private static List<ConversationRow> dedupLast(List<ConversationRow> all) {
        Map<String, ConversationRow> last = new TreeMap<>();
        for (ConversationRow r : all) {
            last.put(r.userId() + ":" + r.convId(), r);
        }
        return new ArrayList<>(last.values());
    }

    private static void write(PhysicalShards shards, List<StoredMessage> messages, List<TimelineRow> rows,
                              List<ConversationRow> convs) throws SQLException {
        for (int db = 0; db < shards.databaseCount(); db++) {
            try (Connection c = shards.database(db).getConnection()) { // auto-commit off: PhysicalShards.pooled
                for (Map.Entry<Integer, List<StoredMessage>> e : shards.byTable(db, messages,
                        StoredMessage::msgId).entrySet()) {
                    insert(c, "INSERT IGNORE INTO " + PhysicalShards.table("message", e.getKey()) + " ("
                            + MessageStore.COLUMNS + ") VALUES ", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "",
                            e.getValue(), MessageStore::bind);
                }
                c.commit();
                for (Map.Entry<Integer, List<TimelineRow>> e : shards.byTable(db, rows, TimelineRow::userId)
                        .entrySet()) {
                    insert(c, "INSERT INTO " + PhysicalShards.table("user_timeline", e.getKey()) + " ("
                            + TimelineStore.COLUMNS + ") VALUES ", "(?, ?, ?, ?, ?, ?, ?, ?, ?)", "", e.getValue(),
                            TimelineStore::bind);
                }
                for (Map.Entry<Integer, List<ConversationRow>> e : shards.byTable(db, convs, ConversationRow::userId)
                        .entrySet()) {
                    try (PreparedStatement ps = c.prepareStatement(ConversationStore.touchLastSql(
                            PhysicalShards.table("conversation", e.getKey()), e.getValue().size()))) {
                        int p = 1;
                        for (ConversationRow r : e.getValue()) {
                            p = ConversationStore.bindLast(ps, p, r);
                        }
                        ps.executeUpdate();
                    }
                }
                c.commit();
            }
        }
    }

    private interface Binder<T> {
        int bind(PreparedStatement ps, int from, T row) throws SQLException;
    }

    private static <T> void insert(Connection c, String head, String placeholder, String tail, List<T> rows,
                                   Binder<T> binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(head + (placeholder + ",").repeat(rows.size() - 1)
                + placeholder + tail)) {
            int p = 1;
            for (T row : rows) {
                p = binder.bind(ps, p, row);
            }
            ps.executeUpdate();
        }
    }
}
