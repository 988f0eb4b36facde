package im.logic.seq;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The persisted end of each user's seq section ({@code seq_section}, sharded by user id): every seq
 * ever handed out is at most its user's {@code max_seq}. Thread-safe.
 */
public final class SeqSectionStore {
    /** Rows per multi-row statement; ShardingSphere splits each statement per physical table. */
    private static final int CHUNK = 500;

    private final DataSource db;

    public SeqSectionStore(DataSource db) {
        this.db = db;
    }

    /** The persisted section ends of {@code userIds}; users without a row are absent (end 0). */
    public Map<Long, Long> ends(Collection<Long> userIds) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        List<Long> ids = List.copyOf(userIds);
        try (Connection c = db.getConnection()) {
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                String sql = "SELECT user_id, max_seq FROM seq_section WHERE user_id IN ("
                        + "?,".repeat(chunk.size() - 1) + "?)";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setLong(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getLong(1), rs.getLong(2));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Raises each user's section end to at least the given value (never lowers it). */
    public void raise(Map<Long, Long> ends) throws SQLException {
        List<Map.Entry<Long, Long>> entries = List.copyOf(ends.entrySet());
        try (Connection c = db.getConnection()) {
            for (int from = 0; from < entries.size(); from += CHUNK) {
                List<Map.Entry<Long, Long>> chunk = entries.subList(from, Math.min(entries.size(), from + CHUNK));
                String sql = "INSERT INTO seq_section (user_id, max_seq) VALUES " + "(?, ?),".repeat(chunk.size() - 1)
                        + "(?, ?) ON DUPLICATE KEY UPDATE max_seq = GREATEST(max_seq, VALUES(max_seq))";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int p = 1;
                    for (Map.Entry<Long, Long> e : chunk) {
                        ps.setLong(p++, e.getKey());
                        ps.setLong(p++, e.getValue());
                    }
                    ps.executeUpdate();
                }
            }
        }
    }
}
