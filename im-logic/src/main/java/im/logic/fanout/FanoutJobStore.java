package im.logic.fanout;

import im.api.message.ConversationKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The durable fan-out queue ({@code fanout_job}, sharded by {@code conv_id}). Thread-safe. */
public final class FanoutJobStore {
    private static final String COLUMNS = "job_id, conv_type, conv_id, conv_peer, kind, msg_id, operator_id, state,"
            + " sender_seq, attempts, create_time";

    private final DataSource db;

    public FanoutJobStore(DataSource db) {
        this.db = db;
    }

    public void insert(FanoutJob job) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO fanout_job (" + COLUMNS
                     + ", update_time) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?)")) {
            ps.setLong(1, job.jobId());
            ps.setInt(2, job.convType());
            ps.setLong(3, job.convId());
            ps.setLong(4, job.convPeer());
            ps.setInt(5, job.kind());
            ps.setLong(6, job.msgId());
            ps.setLong(7, job.operatorId());
            ps.setLong(8, job.createTime());
            ps.setLong(9, job.createTime());
            ps.executeUpdate();
        }
    }

    /** The pending jobs of one conversation, oldest first (a recall job has a negative id: by time first). */
    public List<FanoutJob> pending(ConversationKey conv, int limit) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM fanout_job WHERE conv_id = ?"
                     + " AND conv_type = ? AND conv_peer = ? AND state = 0 ORDER BY create_time, job_id LIMIT ?")) {
            ps.setLong(1, conv.convId());
            ps.setInt(2, conv.convType());
            ps.setLong(3, conv.convPeer());
            ps.setInt(4, limit);
            return readAll(ps);
        }
    }

    public Optional<FanoutJob> find(ConversationKey conv, long jobId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                     + " FROM fanout_job WHERE conv_id = ? AND job_id = ?")) {
            ps.setLong(1, conv.convId());
            ps.setLong(2, jobId);
            List<FanoutJob> rows = readAll(ps);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    /** Conversations with a job pending since before {@code olderThan}: work a crashed node left. */
    public List<ConversationKey> stale(long olderThan, int limit) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT conv_type, conv_id, conv_peer FROM fanout_job"
                     + " WHERE state = 0 AND update_time < ? LIMIT ?")) {
            ps.setLong(1, olderThan);
            ps.setInt(2, limit);
            List<ConversationKey> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ConversationKey key = new ConversationKey(rs.getInt(1), rs.getLong(2), rs.getLong(3));
                    if (!out.contains(key)) {
                        out.add(key);
                    }
                }
            }
            return out;
        }
    }

    /** Counts a processing attempt before any row is written, so a retry knows to look for partial work. */
    public void startAttempt(FanoutJob job, long now) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE fanout_job SET attempts = attempts + 1,"
                     + " update_time = ? WHERE conv_id = ? AND job_id = ?")) {
            ps.setLong(1, now);
            ps.setLong(2, job.convId());
            ps.setLong(3, job.jobId());
            ps.executeUpdate();
        }
    }

    public void markDone(FanoutJob job, long senderSeq, long now) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE fanout_job SET state = 1, sender_seq = ?,"
                     + " update_time = ? WHERE conv_id = ? AND job_id = ?")) {
            ps.setLong(1, senderSeq);
            ps.setLong(2, now);
            ps.setLong(3, job.convId());
            ps.setLong(4, job.jobId());
            ps.executeUpdate();
        }
    }

    private static List<FanoutJob> readAll(PreparedStatement ps) throws SQLException {
        List<FanoutJob> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new FanoutJob(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getInt(5),
                        rs.getLong(6), rs.getLong(7), rs.getInt(8), rs.getLong(9), rs.getInt(10), rs.getLong(11)));
            }
        }
        return out;
    }
}
