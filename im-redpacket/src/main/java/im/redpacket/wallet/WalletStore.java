package im.redpacket.wallet;

import im.api.ErrorCode;
import im.api.ImException;
import im.redpacket.tx.DuplicateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * The {@code wallet} and {@code wallet_ledger} tables. Every change writes its ledger row first: the
 * row's unique business key is what makes a replayed change fail before it touches the balance. The
 * writing methods take the connection of the caller's transaction; thread-safe.
 */
public final class WalletStore {
    private static final ImException INSUFFICIENT = ImException.stackless(ErrorCode.INSUFFICIENT_BALANCE,
            "insufficient balance");

    private final DataSource reads;
    private final LongSupplier clock;

    /** @param reads a pool for reads outside transactions (not necessarily the Seata proxy) */
    public WalletStore(DataSource reads, LongSupplier clock) {
        this.reads = reads;
        this.clock = clock;
    }

    /** The balance, 0 without a wallet. */
    public long balance(long userId) throws SQLException {
        try (Connection c = reads.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT balance FROM wallet WHERE user_id = ?")) {
            p.setLong(1, userId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    /** True when the ledger holds {@code bizKey}. */
    public boolean hasEntry(String bizKey) throws SQLException {
        try (Connection c = reads.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT 1 FROM wallet_ledger WHERE biz_key = ?")) {
            p.setString(1, bizKey);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Which of {@code bizKeys} the ledger holds (one query; at most a few hundred keys). */
    public Set<String> existing(Collection<String> bizKeys) throws SQLException {
        Set<String> out = new HashSet<>();
        if (bizKeys.isEmpty()) {
            return out;
        }
        String marks = String.join(", ", Collections.nCopies(bizKeys.size(), "?"));
        try (Connection c = reads.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT biz_key FROM wallet_ledger WHERE biz_key IN (" + marks
                     + ")")) {
            int i = 1;
            for (String key : bizKeys) {
                p.setString(i++, key);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * Takes {@code amount} from {@code userId}'s balance and records it under {@code bizKey}.
     *
     * @throws ImException {@code INSUFFICIENT_BALANCE} when the balance is smaller (nothing changed)
     */
    public void debit(Connection c, long userId, long tenantId, long amount, String bizKey, LedgerKind kind, long refId)
            throws SQLException, ImException {
        long now = clock.getAsLong();
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE wallet SET balance = balance - ?, updated_at = ? WHERE user_id = ? AND balance >= ?")) {
            p.setLong(1, amount);
            p.setLong(2, now);
            p.setLong(3, userId);
            p.setLong(4, amount);
            if (p.executeUpdate() != 1) {
                throw INSUFFICIENT;
            }
        }
        insertEntry(c, bizKey, userId, tenantId, -amount, kind, refId, userId, now);
    }

    /**
     * Adds {@code amount} to {@code userId}'s balance (creating the wallet) under {@code bizKey}.
     *
     * @return false, changing nothing, when {@code bizKey} was applied before (the caller rolls back)
     * @throws ImException {@code BAD_REQUEST} when the balance would overflow
     */
    public boolean credit(Connection c, long userId, long tenantId, long amount, String bizKey, LedgerKind kind,
                          long refId, long operatorId) throws SQLException, ImException {
        long now = clock.getAsLong();
        try {
            insertEntry(c, bizKey, userId, tenantId, amount, kind, refId, operatorId, now);
        } catch (SQLException e) {
            if (DuplicateKey.is(e, null)) {
                return false;
            }
            throw e;
        }
        ensureWallet(c, userId, tenantId, now);
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE wallet SET balance = balance + ?, updated_at = ? WHERE user_id = ? AND balance <= ?")) {
            p.setLong(1, amount);
            p.setLong(2, now);
            p.setLong(3, userId);
            p.setLong(4, Long.MAX_VALUE - amount);
            if (p.executeUpdate() != 1) {
                throw ImException.stackless(ErrorCode.BAD_REQUEST, "the balance would overflow");
            }
        }
        return true;
    }

    private static void ensureWallet(Connection c, long userId, long tenantId, long now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM wallet WHERE user_id = ?")) {
            p.setLong(1, userId);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO wallet (user_id, tenant_id, balance, updated_at) VALUES (?, ?, 0, ?)")) {
            p.setLong(1, userId);
            p.setLong(2, tenantId);
            p.setLong(3, now);
            p.executeUpdate();
        } catch (SQLException e) {
            if (!DuplicateKey.is(e, null)) {
                throw e;
            }
            // created meanwhile by another credit of the same user: the update below applies to it
        }
    }

    private static void insertEntry(Connection c, String bizKey, long userId, long tenantId, long amount,
                                    LedgerKind kind, long refId, long operatorId, long now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO wallet_ledger (biz_key, user_id, tenant_id, amount,"
                + " kind, ref_id, operator_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, bizKey);
            p.setLong(2, userId);
            p.setLong(3, tenantId);
            p.setLong(4, amount);
            p.setInt(5, kind.number());
            p.setLong(6, refId);
            p.setLong(7, operatorId);
            p.setLong(8, now);
            p.executeUpdate();
        }
    }
}
