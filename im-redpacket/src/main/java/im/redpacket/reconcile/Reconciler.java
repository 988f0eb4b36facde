package im.redpacket.reconcile;

import im.api.redpacket.ReconcileReport;
import im.redpacket.grab.CreditMessage;
import im.redpacket.packet.GrabRow;
import im.redpacket.packet.PacketRow;
import im.redpacket.packet.PacketStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Checks the books: each wallet's balance equals the sum of its ledger; each packet's total equals its
 * grabs plus what is left plus its refund, its count its grabs plus the shares left; each packet has
 * its debit, each grab its credit (a credit younger than {@link #CREDIT_GRACE_MS} may still be on its
 * way and is not reported), each refund its ledger row (the refund follows the expiry in a second
 * transaction: a packet that expired less than {@link #CREDIT_GRACE_MS} ago may not have it yet). Reads
 * only; thread-safe.
 */
public final class Reconciler {
    /** Credits flow through RocketMQ; give them this long before a missing one is a difference. */
    public static final long CREDIT_GRACE_MS = 60_000;

    private final DataSource walletReads;
    private final PacketStore packets;
    private final LongSupplier clock;

    public Reconciler(DataSource walletReads, PacketStore packets, LongSupplier clock) {
        this.walletReads = walletReads;
        this.packets = packets;
        this.clock = clock;
    }

    /** @param tenantId the tenant to check, 0 for all */
    public ReconcileReport run(long tenantId) throws SQLException {
        List<String> differences = new ArrayList<>();
        int wallets = checkWallets(tenantId, differences);
        Map<String, Long> ledger = ledger(tenantId);
        List<PacketRow> all = packets.all(tenantId);
        long now = clock.getAsLong();
        for (PacketRow p : all) {
            List<GrabRow> grabs = packets.grabs(p.id());
            long grabbed = grabs.stream().mapToLong(GrabRow::amount).sum();
            if (grabbed + p.remainingAmount() + p.refundedAmount() != p.totalAmount()) {
                differences.add("packet " + p.id() + ": grabbed " + grabbed + " + remaining " + p.remainingAmount()
                        + " + refunded " + p.refundedAmount() + " != total " + p.totalAmount());
            }
            if (grabs.size() + p.remainingCount() != p.totalCount()) {
                differences.add("packet " + p.id() + ": " + grabs.size() + " grabs + " + p.remainingCount()
                        + " left != count " + p.totalCount());
            }
            Long debit = ledger.get("send:" + p.id());
            if (debit == null || debit != -p.totalAmount()) {
                differences.add("packet " + p.id() + ": debit " + debit + " in the ledger, total " + p.totalAmount());
            }
            for (GrabRow g : grabs) {
                Long credit = ledger.get(CreditMessage.bizKey(p.id(), g.userId()));
                if ((credit == null && now - g.grabTime() > CREDIT_GRACE_MS) || (credit != null && credit != g.amount())) {
                    differences.add("packet " + p.id() + ": grab of user " + g.userId() + " (" + g.amount()
                            + ") credited " + credit);
                }
            }
            Long refund = ledger.get("refund:" + p.id());
            long refunded = refund == null ? 0 : refund;
            boolean refundOnItsWay = refund == null && now - p.expireTime() <= CREDIT_GRACE_MS;
            if (refunded != p.refundedAmount() && !refundOnItsWay) {
                differences.add("packet " + p.id() + ": refunded " + p.refundedAmount() + ", ledger " + refund);
            }
        }
        return new ReconcileReport(wallets, all.size(), differences);
    }

    private int checkWallets(long tenantId, List<String> differences) throws SQLException {
        String sql = "SELECT w.user_id, w.balance, COALESCE(SUM(l.amount), 0) FROM wallet w LEFT JOIN wallet_ledger l"
                + " ON l.user_id = w.user_id" + (tenantId == 0 ? "" : " WHERE w.tenant_id = ?") + " GROUP BY w.user_id,"
                + " w.balance";
        int checked = 0;
        try (Connection c = walletReads.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            if (tenantId != 0) {
                p.setLong(1, tenantId);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    checked++;
                    if (rs.getLong(2) != rs.getLong(3)) {
                        differences.add("wallet " + rs.getLong(1) + ": balance " + rs.getLong(2) + " != ledger sum "
                                + rs.getLong(3));
                    }
                }
            }
        }
        return checked;
    }

    private Map<String, Long> ledger(long tenantId) throws SQLException {
        String sql = "SELECT biz_key, amount FROM wallet_ledger WHERE kind <> 1" + (tenantId == 0 ? "" : " AND tenant_id = ?");
        Map<String, Long> out = new HashMap<>();
        try (Connection c = walletReads.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            if (tenantId != 0) {
                p.setLong(1, tenantId);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }
}
