package im.logic.message;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Message content rows ({@code message}, sharded by {@code msg_id}). Thread-safe. */
public final class MessageStore {
    /** The columns of a message row, in {@link #bind} order. */
    public static final String COLUMNS = "msg_id, tenant_id, conv_type, conv_id, from_user_id, client_msg_id,"
            + " content_type, text, payload, need_receipt, mentions, send_time, recalled";
    private static final int CHUNK = 500;

    private final DataSource db;

    public MessageStore(DataSource db) {
        this.db = db;
    }

    public void insert(StoredMessage m) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO message (" + COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(ps, 1, m);
            ps.executeUpdate();
        }
    }

    /** Binds one message's columns ({@link #COLUMNS} order) from parameter {@code from}; returns the next one. */
    public static int bind(PreparedStatement ps, int from, StoredMessage m) throws SQLException {
        int p = from;
        ps.setLong(p++, m.msgId());
        ps.setLong(p++, m.tenantId());
        ps.setInt(p++, m.convType());
        ps.setLong(p++, m.convId());
        ps.setLong(p++, m.fromUserId());
        ps.setString(p++, m.clientMsgId());
        ps.setInt(p++, m.contentType());
        ps.setString(p++, m.text());
        ps.setBytes(p++, m.payload());
        ps.setBoolean(p++, m.needReceipt());
        ps.setString(p++, m.mentions().stream().map(String::valueOf).collect(Collectors.joining(",")));
        ps.setLong(p++, m.sendTime());
        ps.setBoolean(p++, m.recalled());
        return p;
    }

    public Optional<StoredMessage> find(long msgId) throws SQLException {
        return Optional.ofNullable(findAll(List.of(msgId)).get(msgId));
    }

    /** The messages that exist among {@code msgIds}, by id. */
    public Map<Long, StoredMessage> findAll(Collection<Long> msgIds) throws SQLException {
        Map<Long, StoredMessage> out = new HashMap<>();
        List<Long> ids = msgIds.stream().distinct().toList();
        try (Connection c = db.getConnection()) {
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM message WHERE msg_id IN ("
                        + "?,".repeat(chunk.size() - 1) + "?)")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setLong(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            StoredMessage m = read(rs);
                            out.put(m.msgId(), m);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The messages among {@code msgIds} whose sender asked for receipts (ids only, no content). */
    public Set<Long> needingReceipt(Collection<Long> msgIds) throws SQLException {
        Set<Long> out = new HashSet<>();
        List<Long> ids = msgIds.stream().distinct().toList();
        try (Connection c = db.getConnection()) {
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                try (PreparedStatement ps = c.prepareStatement("SELECT msg_id FROM message WHERE need_receipt = 1"
                        + " AND msg_id IN (" + "?,".repeat(chunk.size() - 1) + "?)")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setLong(i + 1, chunk.get(i));
                    }
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

    /** Marks a message recalled; true when this call changed it (false: unknown or already recalled). */
    public boolean markRecalled(long msgId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE message SET recalled = 1 WHERE msg_id = ? AND recalled = 0")) {
            ps.setLong(1, msgId);
            return ps.executeUpdate() == 1;
        }
    }

    private static StoredMessage read(ResultSet rs) throws SQLException {
        String mentions = rs.getString(11);
        List<Long> mentionIds = mentions == null || mentions.isEmpty() ? List.of()
                : Arrays.stream(mentions.split(",")).map(Long::valueOf).collect(Collectors.toCollection(ArrayList::new));
        byte[] payload = rs.getBytes(9);
        return new StoredMessage(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getLong(5),
                rs.getString(6), rs.getInt(7), rs.getString(8), payload == null ? new byte[0] : payload,
                rs.getBoolean(10), mentionIds, rs.getLong(12), rs.getBoolean(13));
    }
}
