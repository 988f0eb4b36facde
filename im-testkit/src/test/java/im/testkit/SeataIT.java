package im.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import im.infra.seata.SeataClient;
import io.seata.tm.api.GlobalTransaction;
import io.seata.tm.api.GlobalTransactionContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Seata AT global transaction over two real databases (wallet and redpacket) through the real
 * Seata server: a commit keeps both writes, a rollback undoes both from the undo log.
 */
@ExtendWith(StackExtension.class)
class SeataIT {
    private static DataSource wallet;
    private static DataSource redpacket;

    @BeforeAll
    static void joinSeata(Stack stack) {
        SeataClient.init("im-testkit", stack.namespace(), "im_tx_group", stack.seataServer());
        wallet = SeataClient.proxy(stack.physical("wallet", 0));
        redpacket = SeataClient.proxy(stack.physical("redpacket", 0));
    }

    @Test
    void commit_shouldKeepDebitAndPacket_acrossTwoDatabases() throws Exception {
        long user = newWallet(1000);
        long packet = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);

        GlobalTransaction tx = GlobalTransactionContext.getCurrentOrCreate();
        tx.begin(30_000, "it-commit");
        try {
            debit(user, 300);
            createPacket(packet, user, 300);
        } catch (Exception e) {
            tx.rollback();
            throw e;
        }
        tx.commit();

        assertThat(balance(user)).isEqualTo(700);
        assertThat(packetExists(packet)).isTrue();
    }

    @Test
    void rollback_shouldUndoDebitAndPacket_acrossTwoDatabases() throws Exception {
        long user = newWallet(1000);
        long packet = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);

        GlobalTransaction tx = GlobalTransactionContext.getCurrentOrCreate();
        tx.begin(30_000, "it-rollback");
        try {
            debit(user, 200);
            createPacket(packet, user, 200);
            // Both branches are committed locally at this point; only the undo log can restore them.
            assertThat(balance(user)).isEqualTo(800);
        } finally {
            tx.rollback();
        }

        assertThat(balance(user)).isEqualTo(1000);
        assertThat(packetExists(packet)).isFalse();
    }

    private static long newWallet(long balance) throws SQLException {
        long user = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        try (Connection c = wallet.getConnection();
             PreparedStatement p = c.prepareStatement(
                     "INSERT INTO wallet (user_id, tenant_id, balance, updated_at) VALUES (?, 1, ?, ?)")) {
            p.setLong(1, user);
            p.setLong(2, balance);
            p.setLong(3, System.currentTimeMillis());
            p.executeUpdate();
        }
        return user;
    }

    private static void debit(long user, long amount) throws SQLException {
        try (Connection c = wallet.getConnection();
             PreparedStatement p = c.prepareStatement(
                     "UPDATE wallet SET balance = balance - ?, updated_at = ? WHERE user_id = ? AND balance >= ?")) {
            p.setLong(1, amount);
            p.setLong(2, System.currentTimeMillis());
            p.setLong(3, user);
            p.setLong(4, amount);
            assertThat(p.executeUpdate()).isEqualTo(1);
        }
    }

    private static void createPacket(long id, long sender, long amount) throws SQLException {
        try (Connection c = redpacket.getConnection();
             PreparedStatement p = c.prepareStatement("INSERT INTO red_packet (id, tenant_id, sender_id, conv_type,"
                     + " conv_id, kind, total_amount, total_count, remaining_amount, remaining_count, create_time,"
                     + " expire_time) VALUES (?, 1, ?, 2, 9, 1, ?, 3, ?, 3, ?, ?)")) {
            long now = System.currentTimeMillis();
            p.setLong(1, id);
            p.setLong(2, sender);
            p.setLong(3, amount);
            p.setLong(4, amount);
            p.setLong(5, now);
            p.setLong(6, now + 86_400_000L);
            p.executeUpdate();
        }
    }

    private static long balance(long user) throws SQLException {
        try (Connection c = wallet.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT balance FROM wallet WHERE user_id = ?")) {
            p.setLong(1, user);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private static boolean packetExists(long id) throws SQLException {
        try (Connection c = redpacket.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT 1 FROM red_packet WHERE id = ?")) {
            p.setLong(1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }
}
