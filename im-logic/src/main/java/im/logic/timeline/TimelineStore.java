package im.logic.timeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The users' streams ({@code user_timeline}, sharded by {@code user_id}). Appends are multi-row
 * INSERTs of up to {@link #CHUNK} rows, each holding rows of one physical table only: ShardingSphere
 * routes it to one table, and its rewrite (which compares every row with every route unit) stays
 * linear. Which table is a hint from the configured layout ({@code user_id % tables}, ShardingSphere's
 * MOD rule); routing itself stays ShardingSphere's, so a wrong hint costs speed, never correctness.
 * Thread-safe.
 */
public final class TimelineStore {
    /** Rows per statement: large enough to amortise the round trip, small enough to parse quickly. */
    static final int CHUNK = 1000;
    /** The columns of a stream row, in {@link #bind} order. */
    public static final String COLUMNS =
            "user_id, seq, msg_id, kind, conv_type, conv_id, ref_msg_id, create_time, from_user_id";

    private final DataSource db;
    private final int tables;

    /** @param tables physical tables of {@code user_timeline} in the configured layout (a batching hint) */
    public TimelineStore(DataSource db, int tables) {
        this.db = db;
        this.tables = tables;
    }

    /** Appends rows in multi-row statements; a duplicate {@code (user_id, seq)} fails the call. */
    public void appendBatch(List<TimelineRow> rows) throws SQLException {
        try (Connection c = db.getConnection()) {
            appendBatch(c, rows);
        }
    }

    /**
     * {@link #appendBatch(List)} on the caller's connection, inside its transaction: one single-row
     * statement executed as a JDBC batch, so ShardingSphere parses one statement shape once, routes each
     * row to its table and the driver sends each table's rows in one bulk round trip.
     */
    public void appendBatch(Connection c, List<TimelineRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_timeline (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (TimelineRow r : rows) {
                ps.setLong(1, r.userId());
                ps.setLong(2, r.seq());
                ps.setLong(3, r.msgId());
                ps.setInt(4, r.kind());
                ps.setInt(5, r.convType());
                ps.setLong(6, r.convId());
                ps.setLong(7, r.refMsgId());
                ps.setLong(8, r.createTime());
                ps.setLong(9, r.fromUserId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Binds one row's columns ({@link #COLUMNS} order) from parameter {@code from}; returns the next one. */
    public static int bind(PreparedStatement ps, int from, TimelineRow r) throws SQLException {
        int p = from;
        ps.setLong(p++, r.userId());
        ps.setLong(p++, r.seq());
        ps.setLong(p++, r.msgId());
        ps.setInt(p++, r.kind());
        ps.setInt(p++, r.convType());
        ps.setLong(p++, r.convId());
        ps.setLong(p++, r.refMsgId());
        ps.setLong(p++, r.createTime());
        ps.setLong(p++, r.fromUserId());
        return p;
    }

    /** Up to {@code limit} entries of a user's stream with seq greater than {@code sinceSeq}, ascending. */
    public List<TimelineRow> after(long userId, long sinceSeq, int limit) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                     + " FROM user_timeline WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, userId);
            ps.setLong(2, sinceSeq);
            ps.setInt(3, limit);
            return readAll(ps);
        }
    }

    /** The entries of a user at the given seqs. */
    public List<TimelineRow> at(long userId, Collection<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return List.of();
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM user_timeline WHERE user_id = ?"
                     + " AND seq IN (" + "?,".repeat(seqs.size() - 1) + "?)")) {
            ps.setLong(1, userId);
            int p = 2;
            for (Long seq : seqs) {
                ps.setLong(p++, seq);
            }
            return readAll(ps);
        }
    }

    /** The seq of {@code (msgId, kind)} in a user's stream, 0 when it holds no such entry. */
    public long seqOf(long userId, long msgId, int kind) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT seq FROM user_timeline WHERE user_id = ?"
                     + " AND msg_id = ? AND kind = ?")) {
            ps.setLong(1, userId);
            ps.setLong(2, msgId);
            ps.setInt(3, kind);
            return single(ps);
        }
    }

    /** The users among {@code userIds} whose stream already holds {@code (msgId, kind)}: for retried fan-outs. */
    public Set<Long> holders(Collection<Long> userIds, long msgId, int kind) throws SQLException {
        Set<Long> out = new HashSet<>();
        List<Long> ids = List.copyOf(userIds);
        try (Connection c = db.getConnection()) {
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                try (PreparedStatement ps = c.prepareStatement("SELECT user_id FROM user_timeline WHERE user_id IN ("
                        + "?,".repeat(chunk.size() - 1) + "?) AND msg_id = ? AND kind = ?")) {
                    int p = 1;
                    for (Long id : chunk) {
                        ps.setLong(p++, id);
                    }
                    ps.setLong(p++, msgId);
                    ps.setInt(p, kind);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getLong(1));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Unread arithmetic of one conversation in one stream: NORMAL entries from others.
     *
     * @return {@code [entries with afterSeq < seq <= max, max]} where {@code max} is the highest seq of
     *         any such entry (0 for none), both as of one moment
     */
    public long[] countFromOthers(long userId, int convType, long convId, long afterSeq) throws SQLException {
        String where = " FROM user_timeline WHERE user_id = ? AND conv_type = ? AND conv_id = ? AND kind = 0"
                + " AND from_user_id <> ?";
        try (Connection c = db.getConnection()) {
            // The maximum first, then count up to it: an entry written between the two queries is then
            // neither counted nor covered by the returned maximum, so its increment still counts it.
            long max;
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(seq)" + where)) {
                bind(ps, userId, convType, convId);
                max = single(ps);
            }
            long count;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + where + " AND seq > ? AND seq <= ?")) {
                bind(ps, userId, convType, convId);
                ps.setLong(5, afterSeq);
                ps.setLong(6, max);
                count = single(ps);
            }
            return new long[] {count, max};
        }
    }

    /**
     * Up to {@code limit} NORMAL entries from others in one conversation of one stream with
     * {@code afterSeq < seq <= uptoSeq}, by seq: the messages a read seq move covers (one index range
     * of {@code idx_timeline_conv}).
     */
    public List<TimelineRow> fromOthersBetween(long userId, int convType, long convId, long afterSeq, long uptoSeq,
                                               int limit) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM user_timeline WHERE user_id = ?"
                     + " AND conv_type = ? AND conv_id = ? AND kind = 0 AND from_user_id <> ? AND seq > ? AND seq <= ?"
                     + " ORDER BY seq LIMIT ?")) {
            bind(ps, userId, convType, convId);
            ps.setLong(5, afterSeq);
            ps.setLong(6, uptoSeq);
            ps.setInt(7, limit);
            return readAll(ps);
        }
    }

    /** The highest seq in a user's stream, 0 for an empty stream. */
    public long maxSeq(long userId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM user_timeline WHERE user_id = ?")) {
            ps.setLong(1, userId);
            return single(ps);
        }
    }

    private static void bind(PreparedStatement ps, long userId, int convType, long convId) throws SQLException {
        ps.setLong(1, userId);
        ps.setInt(2, convType);
        ps.setLong(3, convId);
        ps.setLong(4, userId);
    }

    private static long single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static List<TimelineRow> readAll(PreparedStatement ps) throws SQLException {
        List<TimelineRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new TimelineRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getInt(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)));
            }
        }
        return out;
    }
}
