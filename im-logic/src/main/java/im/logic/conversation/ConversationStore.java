package im.logic.conversation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import im.logic.timeline.ShardBatches;
import javax.sql.DataSource;

/**
 * Conversations per user ({@code conversation}, sharded by {@code user_id}): last message, read seq and
 * the unread count persisted at each read. With {@code user_timeline} they are enough to rebuild the
 * Redis unread counters exactly. Thread-safe.
 */
public final class ConversationStore {
    private static final int CHUNK = 1000;
    /** The columns {@link #touchLastSql} writes, in order. */
    public static final String COLUMNS = "user_id, conv_type, conv_id, last_msg_id, last_seq, read_seq, unread,"
            + " update_time";

    private final DataSource db;
    private final int tables;

    /** @param tables physical tables of {@code conversation} in the configured layout (a batching hint) */
    public ConversationStore(DataSource db, int tables) {
        this.db = db;
        this.tables = tables;
    }

    /**
     * Records a new last entry for each row's user ({@code lastMsgId}, {@code lastSeq},
     * {@code updateTime}); read seq and unread of existing rows stay. Rows whose last seq is older than
     * the stored one change nothing (a retried fan-out never moves a conversation back).
     */
    public void touchLast(List<ConversationRow> rows) throws SQLException {
        try (Connection c = db.getConnection()) {
            touchLast(c, rows);
        }
    }

    /** {@link #touchLast(List)} on the caller's connection, inside its transaction, as one JDBC batch. */
    public void touchLast(Connection c, List<ConversationRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversation (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, 0, 0, ?) ON DUPLICATE KEY UPDATE"
                + " last_msg_id = IF(VALUES(last_seq) > last_seq, VALUES(last_msg_id), last_msg_id),"
                + " update_time = IF(VALUES(last_seq) > last_seq, VALUES(update_time), update_time),"
                + " last_seq = GREATEST(last_seq, VALUES(last_seq))")) {
            for (ConversationRow r : rows) {
                ps.setLong(1, r.userId());
                ps.setInt(2, r.convType());
                ps.setLong(3, r.convId());
                ps.setLong(4, r.lastMsgId());
                ps.setLong(5, r.lastSeq());
                ps.setLong(6, r.updateTime());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The upsert of {@link #touchLast} for {@code rows} rows of one physical table {@code table}
     * (batched writers that bypass ShardingSphere); bind each row with {@link #bindLast}.
     */
    public static String touchLastSql(String table, int rows) {
        return "INSERT INTO " + table + " (" + COLUMNS + ") VALUES "
                + "(?, ?, ?, ?, ?, 0, 0, ?),".repeat(rows - 1) + "(?, ?, ?, ?, ?, 0, 0, ?)" + TOUCH_LAST_UPDATE;
    }

    /** The upsert clause of {@link #touchLastSql}: the entry with the higher seq wins. */
    public static final String TOUCH_LAST_UPDATE = " ON DUPLICATE KEY UPDATE"
            + " last_msg_id = IF(VALUES(last_seq) > last_seq, VALUES(last_msg_id), last_msg_id),"
            + " update_time = IF(VALUES(last_seq) > last_seq, VALUES(update_time), update_time),"
            + " last_seq = GREATEST(last_seq, VALUES(last_seq))";

    /** Binds one row of {@link #touchLastSql} from parameter {@code from}; returns the next one. */
    public static int bindLast(PreparedStatement ps, int from, ConversationRow r) throws SQLException {
        int p = from;
        ps.setLong(p++, r.userId());
        ps.setInt(p++, r.convType());
        ps.setLong(p++, r.convId());
        ps.setLong(p++, r.lastMsgId());
        ps.setLong(p++, r.lastSeq());
        ps.setLong(p++, r.updateTime());
        return p;
    }

    /** Persists a read: the read seq only moves forward; unread is the count computed with it. */
    public void saveRead(long userId, int convType, long convId, long readSeq, int unread, long now)
            throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO conversation (" + COLUMNS
                     + ") VALUES (?, ?, ?, 0, 0, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                     + " unread = IF(VALUES(read_seq) >= read_seq, VALUES(unread), unread),"
                     + " read_seq = GREATEST(read_seq, VALUES(read_seq))")) {
            ps.setLong(1, userId);
            ps.setInt(2, convType);
            ps.setLong(3, convId);
            ps.setLong(4, readSeq);
            ps.setInt(5, unread);
            ps.setLong(6, now);
            ps.executeUpdate();
        }
    }

    public Optional<ConversationRow> find(long userId, int convType, long convId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                     + " FROM conversation WHERE user_id = ? AND conv_type = ? AND conv_id = ?")) {
            ps.setLong(1, userId);
            ps.setInt(2, convType);
            ps.setLong(3, convId);
            List<ConversationRow> rows = readAll(ps);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    /** Every conversation of a user (for rebuilding its unread counters). */
    public List<ConversationRow> all(long userId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM conversation WHERE user_id = ?")) {
            ps.setLong(1, userId);
            return readAll(ps);
        }
    }

    /** The user's most recently active conversations first. */
    public List<ConversationRow> recent(long userId, int limit) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                     + " FROM conversation WHERE user_id = ? ORDER BY update_time DESC, conv_id DESC LIMIT ?")) {
            ps.setLong(1, userId);
            ps.setInt(2, limit);
            return readAll(ps);
        }
    }

    private static List<ConversationRow> readAll(PreparedStatement ps) throws SQLException {
        List<ConversationRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ConversationRow(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getInt(7), rs.getLong(8)));
            }
        }
        return out;
    }
}
