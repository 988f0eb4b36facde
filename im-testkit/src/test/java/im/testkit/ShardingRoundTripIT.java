package im.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import im.infra.db.DatabaseLayout;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StackExtension.class)
class ShardingRoundTripIT {
    private static final int ROWS = 64;

    @Test
    void insertsThroughShardingSphere_shouldLandOnEveryDatabase_andReadBackByKey(Stack stack) throws SQLException {
        DataSource sharded = stack.sharded("msg");
        DatabaseLayout layout = stack.layout("msg");
        long base = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        int[] before = countsPerDatabase(stack, layout, base);

        try (Connection c = sharded.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO message (msg_id, tenant_id, conv_type, conv_id,"
                     + " from_user_id, client_msg_id, content_type, text, send_time) VALUES (?, 1, 1, 2, 3, ?, 1, ?, ?)")) {
            for (int i = 0; i < ROWS; i++) {
                insert.setLong(1, base + i);
                insert.setString(2, "c-" + (base + i));
                insert.setString(3, "hello 你好 " + i);
                insert.setLong(4, System.currentTimeMillis());
                insert.executeUpdate();
            }
        }

        int[] after = countsPerDatabase(stack, layout, base);
        int total = 0;
        for (int db = 0; db < layout.databaseCount(); db++) {
            int landed = after[db] - before[db];
            assertThat(landed).as("rows landed in database %d", db).isPositive();
            total += landed;
        }
        assertThat(total).isEqualTo(ROWS);

        try (Connection c = sharded.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT text FROM message WHERE msg_id = ?")) {
            select.setLong(1, base + 7);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("hello 你好 7");
            }
        }
    }

    @Test
    void eachKey_shouldLiveInTheTableItsModuloNames(Stack stack) throws SQLException {
        DataSource sharded = stack.sharded("msg");
        DatabaseLayout layout = stack.layout("msg");
        long userId = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        try (Connection c = sharded.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO seq_section (user_id, max_seq) VALUES (?, 10000)")) {
            insert.setLong(1, userId);
            insert.executeUpdate();
        }
        int table = (int) (userId % layout.tableCount());
        int db = (int) (userId % layout.databaseCount());
        try (Connection c = stack.physical("msg", db).getConnection();
             PreparedStatement select = c.prepareStatement("SELECT max_seq FROM seq_section_" + table
                     + " WHERE user_id = ?")) {
            select.setLong(1, userId);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).as("row in database %d table seq_section_%d", db, table).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(10000L);
            }
        }
    }

    private static int[] countsPerDatabase(Stack stack, DatabaseLayout layout, long base) throws SQLException {
        int[] counts = new int[layout.databaseCount()];
        for (int db = 0; db < layout.databaseCount(); db++) {
            try (Connection c = stack.physical("msg", db).getConnection(); Statement s = c.createStatement()) {
                for (int table : layout.tableIndexesOf(db)) {
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM message_" + table
                            + " WHERE msg_id >= " + base + " AND msg_id < " + (base + ROWS))) {
                        rs.next();
                        counts[db] += rs.getInt(1);
                    }
                }
            }
        }
        return counts;
    }
}
