package im.redpacket.packet;

import im.api.redpacket.RedPacketKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code red_packet} and {@code red_packet_grab} tables. Writing methods take the connection of
 * the caller's transaction; reads use {@code reads}. Thread-safe.
 */
public final class PacketStore {
    private static final String COLUMNS = "id, tenant_id, sender_id, conv_type, conv_id, kind, total_amount,"
            + " total_count, remaining_amount, remaining_count, greeting, status, create_time, expire_time,"
            + " refunded_amount";

    /** What a claim found. */
    public enum Claim { CLAIMED, ALREADY_GRABBED, SHARE_TAKEN, EMPTY, EXPIRED }

    private final DataSource reads;

    public PacketStore(DataSource reads) {
        this.reads = reads;
    }

    public void insert(Connection c, PacketRow r) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO red_packet (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, r.id());
            p.setLong(2, r.tenantId());
            p.setLong(3, r.senderId());
            p.setInt(4, r.convType());
            p.setLong(5, r.convId());
            p.setInt(6, r.kind().number());
            p.setLong(7, r.totalAmount());
            p.setInt(8, r.totalCount());
            p.setLong(9, r.remainingAmount());
            p.setInt(10, r.remainingCount());
            p.setString(11, r.greeting());
            p.setInt(12, r.status());
            p.setLong(13, r.createTime());
            p.setLong(14, r.expireTime());
            p.setLong(15, r.refundedAmount());
            p.executeUpdate();
        }
    }

    /** The packet, or null. */
    public PacketRow find(long id) throws SQLException {
        try (Connection c = reads.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM red_packet WHERE id = ?")) {
            p.setLong(1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        }
    }

    /** The packets of one tenant (or every tenant for 0), for reconciliation. */
    public List<PacketRow> all(long tenantId) throws SQLException {
        String where = tenantId == 0 ? "" : " WHERE tenant_id = ?";
        try (Connection c = reads.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM red_packet" + where)) {
            if (tenantId != 0) {
                p.setLong(1, tenantId);
            }
            List<PacketRow> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        }
    }

    /** {@code red_packet.chat_msg_id} of a packet im-logic refused to post for good. */
    public static final long CHAT_REFUSED = -1;

    /**
     * Packets, open or expired, created in {@code [createdFrom, createdTo]} whose chat message is not known
     * to be posted ({@code chat_msg_id = 0}), oldest first.
     */
    public List<PacketRow> unposted(long createdFrom, long createdTo, int limit) throws SQLException {
        try (Connection c = reads.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM red_packet WHERE chat_msg_id = 0"
                     + " AND create_time BETWEEN ? AND ? ORDER BY create_time LIMIT ?")) {
            p.setLong(1, createdFrom);
            p.setLong(2, createdTo);
            p.setInt(3, limit);
            List<PacketRow> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        }
    }

    /**
     * Whether the packet row exists, read with {@code SELECT ... FOR UPDATE}: under Seata's global lock
     * (the caller's) this fails while the send's global transaction may still roll the row back.
     */
    public boolean lockCommitted(Connection c, long packetId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM red_packet WHERE id = ? FOR UPDATE")) {
            p.setLong(1, packetId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Records the packet's chat message ({@code msgId}, or {@link #CHAT_REFUSED}) unless one is recorded.
     * The caller holds Seata's global lock: the row is the send's, which a global transaction wrote.
     */
    public void markPosted(Connection c, long packetId, long msgId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE red_packet SET chat_msg_id = ? WHERE id = ?"
                + " AND chat_msg_id = 0")) {
            p.setLong(1, msgId);
            p.setLong(2, packetId);
            p.executeUpdate();
        }
    }

    /** Open packets whose expiry passed, oldest first. */
    public List<Long> expired(long now, int limit) throws SQLException {
        try (Connection c = reads.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT id FROM red_packet WHERE status = ? AND expire_time <= ?"
                     + " ORDER BY expire_time LIMIT ?")) {
            p.setInt(1, PacketRow.OPEN);
            p.setLong(2, now);
            p.setInt(3, limit);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    /**
     * Expired packets whose refund is not yet known to be in the wallet ledger ({@code refund_credited = 0}),
     * oldest first: normally none, since the refund follows the expiry at once; after a crash between the
     * two, the ones left to finish.
     */
    public List<Long> refundsDue(int limit) throws SQLException {
        try (Connection c = reads.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT id FROM red_packet WHERE status = ? AND refund_credited = 0"
                     + " ORDER BY expire_time LIMIT ?")) {
            p.setInt(1, PacketRow.EXPIRED);
            p.setInt(2, limit);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    /** Records that the refund of an expired packet is in the wallet ledger. */
    public void markRefundCredited(Connection c, long packetId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE red_packet SET refund_credited = 1 WHERE id = ?"
                + " AND status = ? AND refund_credited = 0")) {
            p.setLong(1, packetId);
            p.setInt(2, PacketRow.EXPIRED);
            p.executeUpdate();
        }
    }

    /**
     * Grabs whose credit is not yet known to be in the wallet ledger ({@code credited = 0}), grabbed at or
     * before {@code grabbedBefore}, oldest first, with the packet's tenant.
     */
    public List<OwedCredit> uncredited(long grabbedBefore, int limit) throws SQLException {
        try (Connection c = reads.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT g.packet_id, g.user_id, r.tenant_id, g.amount"
                     + " FROM red_packet_grab g JOIN red_packet r ON r.id = g.packet_id"
                     + " WHERE g.credited = 0 AND g.grab_time <= ? ORDER BY g.grab_time LIMIT ?")) {
            p.setLong(1, grabbedBefore);
            p.setInt(2, limit);
            List<OwedCredit> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new OwedCredit(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
            return out;
        }
    }

    /** Records that the credits of these grabs are in the wallet ledger. */
    public void markCredited(Connection c, Collection<OwedCredit> grabs) throws SQLException {
        if (grabs.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE red_packet_grab SET credited = 1 WHERE packet_id = ?"
                + " AND user_id = ?")) {
            for (OwedCredit g : grabs) {
                p.setLong(1, g.packetId());
                p.setLong(2, g.userId());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** The grabs of a packet, oldest first. */
    public List<GrabRow> grabs(long packetId) throws SQLException {
        try (Connection c = reads.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT packet_id, user_id, share_idx, amount, grab_time"
                     + " FROM red_packet_grab WHERE packet_id = ? ORDER BY grab_time, share_idx")) {
            p.setLong(1, packetId);
            List<GrabRow> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new GrabRow(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getLong(5)));
                }
            }
            return out;
        }
    }

    /**
     * Decides a grab check-back: the grab row, read with a shared lock so an insert still in flight
     * is waited for instead of being reported missing.
     */
    public boolean grabCommitted(long packetId, long userId) throws SQLException {
        try (Connection c = reads.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM red_packet_grab WHERE packet_id = ?"
                    + " AND user_id = ? LOCK IN SHARE MODE")) {
                p.setLong(1, packetId);
                p.setLong(2, userId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next();
                }
            } finally {
                c.rollback();
            }
        }
    }

    /**
     * Takes share {@code shareIdx} for {@code userId}: one conditional update of the packet (open, not
     * expired, shares left) and the grab row, whose keys refuse a second grab and a share taken twice.
     * On anything but {@link Claim#CLAIMED} the caller rolls back.
     */
    public Claim claim(Connection c, long packetId, long userId, int shareIdx, long amount, long now)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE red_packet SET remaining_amount = remaining_amount - ?,"
                + " remaining_count = remaining_count - 1 WHERE id = ? AND status = ? AND expire_time > ?"
                + " AND remaining_count > 0 AND remaining_amount >= ?")) {
            p.setLong(1, amount);
            p.setLong(2, packetId);
            p.setInt(3, PacketRow.OPEN);
            p.setLong(4, now);
            p.setLong(5, amount);
            if (p.executeUpdate() != 1) {
                PacketRow r = find(packetId);
                return r == null || r.status() != PacketRow.OPEN || r.expireTime() <= now ? Claim.EXPIRED : Claim.EMPTY;
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO red_packet_grab (packet_id, user_id, share_idx,"
                + " amount, grab_time) VALUES (?, ?, ?, ?, ?)")) {
            p.setLong(1, packetId);
            p.setLong(2, userId);
            p.setInt(3, shareIdx);
            p.setLong(4, amount);
            p.setLong(5, now);
            p.executeUpdate();
        } catch (SQLException e) {
            if (im.redpacket.tx.DuplicateKey.is(e, "ux_red_packet_grab_share")) {
                return Claim.SHARE_TAKEN;
            }
            if (im.redpacket.tx.DuplicateKey.is(e, null)) {
                return Claim.ALREADY_GRABBED;
            }
            throw e;
        }
        return Claim.CLAIMED;
    }

    /**
     * Expires an open packet: what is left becomes {@code refunded_amount}.
     *
     * @return the amount to refund, or -1 when the packet was not open (expired before)
     */
    public long expire(Connection c, long packetId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE red_packet SET status = ?, refunded_amount ="
                + " remaining_amount, remaining_amount = 0 WHERE id = ? AND status = ?")) {
            p.setInt(1, PacketRow.EXPIRED);
            p.setLong(2, packetId);
            p.setInt(3, PacketRow.OPEN);
            if (p.executeUpdate() != 1) {
                return -1;
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT refunded_amount FROM red_packet WHERE id = ?")) {
            p.setLong(1, packetId);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static PacketRow row(ResultSet rs) throws SQLException {
        return new PacketRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getLong(5),
                RedPacketKind.of(rs.getInt(6)), rs.getLong(7), rs.getInt(8), rs.getLong(9), rs.getInt(10),
                rs.getString(11), rs.getInt(12), rs.getLong(13), rs.getLong(14), rs.getLong(15));
    }
}
