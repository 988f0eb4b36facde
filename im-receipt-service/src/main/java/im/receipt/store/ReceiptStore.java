package im.receipt.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import im.api.message.MessageSentEvent;
import im.infra.db.PhysicalShards;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The {@code receipt} database (sharded by {@code msg_id}): records messages (batched JDBC straight into
 * the physical tables, the hot path), applies read marks and answers queries (through ShardingSphere).
 * Thread-safe.
 *
 * <p>Applying marks is a read-modify-write of each message's bitmap inside one transaction that
 * locks the rows ({@code SELECT ... FOR UPDATE}, in ascending {@code msg_id} so two transactions never
 * wait on each other in a cycle). Read events arrive ordered per conversation, so one consumer usually
 * owns a message; the row lock keeps the bitmap exact even while a queue moves between consumers.
 * Setting a bit is idempotent, so a batch redelivered after a crash, or half-committed over two
 * physical databases, converges when it is applied again.
 *
 * <p>A mark for a message not recorded yet (its sent event comes on another topic and may be late)
 * goes to {@code receipt_early_read}; {@link #record} folds those in. The locking read of the missing
 * row takes InnoDB's gap lock, so the message's insert waits for that transaction and then sees its
 * early marks: none is lost between the two.
 *
 * <p>Recipient lists never change, so they are cached decoded (bounded by total ids) and the row
 * lock only reads the bitmap.
 */
public final class ReceiptStore {
    /** Ids per {@code IN (...)} list. */
    static final int CHUNK = 500;
    private static final String COUNTS = "SELECT msg_id, sender_id, recipient_count, read_bits FROM receipt_message"
            + " WHERE msg_id IN (";

    private final DataSource db;
    private final PhysicalShards shards;
    private final Cache<Long, long[]> recipients;

    /**
     * @param db                 the {@code receipt} database through ShardingSphere
     * @param shards             its physical databases, for {@link #record} (routing agrees, see
     *                           {@link PhysicalShards})
     * @param cachedRecipientIds recipient ids kept decoded in memory over all cached messages
     */
    public ReceiptStore(DataSource db, PhysicalShards shards, long cachedRecipientIds) {
        this.db = db;
        this.shards = shards;
        this.recipients = Caffeine.newBuilder().maximumWeight(cachedRecipientIds)
                .weigher((Long msgId, long[] ids) -> Math.max(1, ids.length)).build();
    }

    /**
     * Records receipt-needing messages (an existing one is left as it is) and folds in the read marks
     * that came before them.
     *
     * @return the counts of the messages that early marks changed
     */
    public List<ReadCount> record(List<MessageSentEvent> events, long now) throws SQLException {
        if (events.isEmpty()) {
            return List.of();
        }
        List<MessageSentEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(MessageSentEvent::msgId)); // one lock order for every writer
        List<Long> ids = new ArrayList<>(sorted.size());
        for (MessageSentEvent e : sorted) {
            ids.add(e.msgId());
        }
        TreeMap<Long, Map<Long, Long>> fold = new TreeMap<>();
        for (int db = 0; db < shards.databaseCount(); db++) {
            Map<Integer, List<MessageSentEvent>> byTable = shards.byTable(db, sorted, MessageSentEvent::msgId);
            if (byTable.isEmpty()) {
                continue;
            }
            try (Connection c = shards.database(db).getConnection()) {
                insertMessages(c, byTable, now);
                // Only messages that early marks wait for are locked and folded (few: a read rarely
                // overtakes its message). Read after the inserts committed, this sees every early mark:
                // a read that found no row held the gap lock until its mark committed, so the insert
                // waited for it.
                for (Long id : messagesWithEarlyReads(c, shards.byTable(db, ids, Long::longValue))) {
                    fold.put(id, new HashMap<>());
                }
            }
        }
        return apply(fold, true, now);
    }

    /**
     * One multi-row insert per physical table and one commit per database for the delivery. This is
     * the hot path (a row per 1:1 message), so it is plain JDBC on the physical tables: through
     * ShardingSphere the statements' parsing and routing were most of the service's CPU.
     */
    private static void insertMessages(Connection c, Map<Integer, List<MessageSentEvent>> byTable, long now)
            throws SQLException {
        PhysicalShards.begin(c);
        try {
            for (Map.Entry<Integer, List<MessageSentEvent>> t : byTable.entrySet()) {
                List<MessageSentEvent> rows = t.getValue();
                for (int from = 0; from < rows.size(); from += CHUNK) {
                    List<MessageSentEvent> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
                    try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO "
                            + PhysicalShards.table("receipt_message", t.getKey()) + " (msg_id, tenant_id, conv_type,"
                            + " conv_id, sender_id, send_time, recipient_count, recipients, read_bits, read_count,"
                            + " update_time) VALUES " + "(?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?),".repeat(chunk.size() - 1)
                            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
                        int p = 1;
                        for (MessageSentEvent e : chunk) {
                            long[] ids = RecipientCodec.sortedDistinct(e.recipientIds());
                            ps.setLong(p++, e.msgId());
                            ps.setLong(p++, e.tenantId());
                            ps.setInt(p++, e.convType());
                            ps.setLong(p++, e.convId());
                            ps.setLong(p++, e.fromUserId());
                            ps.setLong(p++, e.sendTime());
                            ps.setInt(p++, ids.length);
                            ps.setBytes(p++, RecipientCodec.encode(ids));
                            ps.setBytes(p++, ReadBitmap.empty(ids.length).toBytes());
                            ps.setLong(p++, now);
                        }
                        ps.executeUpdate();
                    }
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    private static Set<Long> messagesWithEarlyReads(Connection c, Map<Integer, List<Long>> byTable)
            throws SQLException {
        Set<Long> found = new HashSet<>();
        for (Map.Entry<Integer, List<Long>> t : byTable.entrySet()) {
            List<Long> ids = t.getValue();
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT msg_id FROM "
                        + PhysicalShards.table("receipt_early_read", t.getKey()) + " WHERE msg_id IN ("
                        + "?,".repeat(chunk.size() - 1) + "?)")) {
                    bindIds(ps, 1, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getLong(1));
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * Marks messages read by readers, in one transaction.
     *
     * @param marks msgId -> (readerId -> read time); readers who were no recipient are ignored
     * @return the new counts of the messages whose bitmap changed
     */
    public List<ReadCount> applyReads(Map<Long, Map<Long, Long>> marks, long now) throws SQLException {
        return apply(new TreeMap<>(marks), false, now);
    }

    private List<ReadCount> apply(TreeMap<Long, Map<Long, Long>> marks, boolean foldEarly, long now)
            throws SQLException {
        if (marks.isEmpty()) {
            return List.of();
        }
        List<Long> ids = List.copyOf(marks.keySet());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<Long, Locked> rows = lockRows(c, ids);
                if (foldEarly) {
                    foldEarlyMarks(c, List.copyOf(rows.keySet()), marks);
                }
                List<ReadCount> changed = new ArrayList<>();
                List<Object[]> early = new ArrayList<>();
                for (Map.Entry<Long, Map<Long, Long>> m : marks.entrySet()) {
                    Locked row = rows.get(m.getKey());
                    if (row == null) {
                        m.getValue().forEach((reader, time) -> early.add(new Object[] {m.getKey(), reader, time}));
                        continue;
                    }
                    long[] recips = recipientsOf(c, m.getKey());
                    boolean any = false;
                    for (long reader : m.getValue().keySet()) {
                        int pos = RecipientCodec.positionOf(recips, reader);
                        any |= pos >= 0 && row.bits.set(pos);
                    }
                    if (any) {
                        row.dirty = true;
                        changed.add(new ReadCount(m.getKey(), row.senderId, row.bits.count(), row.bits.size()));
                    }
                }
                writeBits(c, rows, now);
                if (!foldEarly) {
                    insertEarly(c, early);
                }
                c.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** One locked row: its sender and bitmap, and whether this transaction changed it. */
    private static final class Locked {
        final long senderId;
        final ReadBitmap bits;
        boolean dirty;

        Locked(long senderId, ReadBitmap bits) {
            this.senderId = senderId;
            this.bits = bits;
        }
    }

    private static Map<Long, Locked> lockRows(Connection c, List<Long> ids) throws SQLException {
        Map<Long, Locked> rows = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            try (PreparedStatement ps = c.prepareStatement(COUNTS + "?,".repeat(chunk.size() - 1)
                    + "?) ORDER BY msg_id FOR UPDATE")) {
                bindIds(ps, 1, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getLong(1), new Locked(rs.getLong(2), ReadBitmap.of(rs.getBytes(4), rs.getInt(3))));
                    }
                }
            }
        }
        return rows;
    }

    private static void foldEarlyMarks(Connection c, List<Long> ids, Map<Long, Map<Long, Long>> marks)
            throws SQLException {
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            String in = "?,".repeat(chunk.size() - 1) + "?)";
            int found = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT msg_id, reader_id, read_time FROM receipt_early_read"
                    + " WHERE msg_id IN (" + in + " FOR UPDATE")) {
                bindIds(ps, 1, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        marks.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).merge(rs.getLong(2), rs.getLong(3),
                                Math::min);
                        found++;
                    }
                }
            }
            if (found > 0) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM receipt_early_read WHERE msg_id IN (" + in)) {
                    bindIds(ps, 1, chunk);
                    ps.executeUpdate();
                }
            }
        }
    }

    private static void writeBits(Connection c, Map<Long, Locked> rows, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE receipt_message SET read_bits = ?, read_count = ?,"
                + " update_time = ? WHERE msg_id = ?")) {
            int batched = 0;
            for (Map.Entry<Long, Locked> e : rows.entrySet()) {
                if (!e.getValue().dirty) {
                    continue;
                }
                ps.setBytes(1, e.getValue().bits.toBytes());
                ps.setInt(2, e.getValue().bits.count());
                ps.setLong(3, now);
                ps.setLong(4, e.getKey());
                ps.addBatch();
                batched++;
            }
            if (batched > 0) {
                ps.executeBatch();
            }
        }
    }

    private static void insertEarly(Connection c, List<Object[]> early) throws SQLException {
        for (int from = 0; from < early.size(); from += CHUNK) {
            List<Object[]> chunk = early.subList(from, Math.min(early.size(), from + CHUNK));
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO receipt_early_read (msg_id, reader_id,"
                    + " read_time) VALUES " + "(?, ?, ?),".repeat(chunk.size() - 1) + "(?, ?, ?)")) {
                int p = 1;
                for (Object[] row : chunk) {
                    ps.setLong(p++, (Long) row[0]);
                    ps.setLong(p++, (Long) row[1]);
                    ps.setLong(p++, (Long) row[2]);
                }
                ps.executeUpdate();
            }
        }
    }

    private long[] recipientsOf(Connection c, long msgId) throws SQLException {
        long[] cached = recipients.getIfPresent(msgId);
        if (cached != null) {
            return cached;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT recipients FROM receipt_message WHERE msg_id = ?")) {
            ps.setLong(1, msgId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("receipt row of message " + msgId + " vanished while locked");
                }
                long[] ids = RecipientCodec.decode(rs.getBytes(1));
                recipients.put(msgId, ids);
                return ids;
            }
        }
    }

    /** The message's receipt state, or empty when it was never recorded. */
    public Optional<ReceiptRecord> find(long msgId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT tenant_id, conv_type, conv_id, sender_id, send_time,"
                     + " recipient_count, recipients, read_bits FROM receipt_message WHERE msg_id = ?")) {
            ps.setLong(1, msgId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long[] ids = recipients.get(msgId, k -> decode(rs, 7));
                return Optional.of(new ReceiptRecord(msgId, rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), ids, ReadBitmap.of(rs.getBytes(8), rs.getInt(6))));
            }
        }
    }

    private static long[] decode(ResultSet rs, int column) {
        try {
            return RecipientCodec.decode(rs.getBytes(column));
        } catch (SQLException e) {
            throw new IllegalStateException("Failed to read recipients: " + e, e);
        }
    }

    private static void bindIds(PreparedStatement ps, int first, List<Long> ids) throws SQLException {
        int p = first;
        for (Long id : ids) {
            ps.setLong(p++, id);
        }
    }
}
