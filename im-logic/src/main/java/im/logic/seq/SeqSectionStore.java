package im.logic.seq;

import im.infra.db.PhysicalShards;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The persisted end of each user's seq section ({@code seq_section}, sharded by user id like the
 * timeline): every seq ever handed out is at most its user's {@code max_seq}. Read and written straight
 * in the physical tables ({@link PhysicalShards}): the statements' IN lists and row counts vary with
 * every batch, and through ShardingSphere every new shape is parsed again. Thread-safe.
 */
public final class SeqSectionStore {
    /** Rows per multi-row statement. */
    private static final int CHUNK = 500;

    private final PhysicalShards shards;

    public SeqSectionStore(PhysicalShards shards) {
        this.shards = shards;
    }

    /** The persisted section ends of {@code userIds}; users without a row are absent (end 0). */
    public Map<Long, Long> ends(Collection<Long> userIds) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        List<Long> ids = List.copyOf(userIds);
        for (int db = 0; db < shards.databaseCount(); db++) {
            Map<Integer, List<Long>> byTable = shards.byTable(db, ids, Long::longValue);
            if (byTable.isEmpty()) {
                continue;
            }
            try (Connection c = shards.database(db).getConnection()) {
                for (Map.Entry<Integer, List<Long>> e : byTable.entrySet()) {
                    List<Long> all = e.getValue();
                    for (int from = 0; from < all.size(); from += CHUNK) {
                        List<Long> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
                        String sql = "SELECT user_id, max_seq FROM " + PhysicalShards.table("seq_section", e.getKey())
                                + " WHERE user_id IN (" + "?,".repeat(chunk.size() - 1) + "?)";
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
                if (!c.getAutoCommit()) {
                    c.rollback(); // read only: ends the snapshot
                }
            }
        }
        return out;
    }

    /** Raises each user's section end to at least the given value (never lowers it), one transaction per database. */
    public void raise(Map<Long, Long> ends) throws SQLException {
        List<Map.Entry<Long, Long>> entries = new ArrayList<>(ends.entrySet());
        entries.sort(Map.Entry.comparingByKey()); // rows in key order: two raisers never deadlock
        for (int db = 0; db < shards.databaseCount(); db++) {
            Map<Integer, List<Map.Entry<Long, Long>>> byTable = shards.byTable(db, entries, Map.Entry::getKey);
            if (byTable.isEmpty()) {
                continue;
            }
            try (Connection c = PhysicalShards.begin(shards.database(db).getConnection())) {
                try {
                    for (Map.Entry<Integer, List<Map.Entry<Long, Long>>> e : byTable.entrySet()) {
                        List<Map.Entry<Long, Long>> all = e.getValue();
                        for (int from = 0; from < all.size(); from += CHUNK) {
                            List<Map.Entry<Long, Long>> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
                            String sql = "INSERT INTO " + PhysicalShards.table("seq_section", e.getKey())
                                    + " (user_id, max_seq) VALUES " + "(?, ?),".repeat(chunk.size() - 1)
                                    + "(?, ?) ON DUPLICATE KEY UPDATE max_seq = GREATEST(max_seq, VALUES(max_seq))";
                            try (PreparedStatement ps = c.prepareStatement(sql)) {
                                int p = 1;
                                for (Map.Entry<Long, Long> row : chunk) {
                                    ps.setLong(p++, row.getKey());
                                    ps.setLong(p++, row.getValue());
                                }
                                ps.executeUpdate();
                            }
                        }
                    }
                    c.commit();
                } catch (SQLException | RuntimeException ex) {
                    c.rollback();
                    throw ex;
                }
            }
        }
    }
}
