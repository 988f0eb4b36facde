package im.org.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Test and benchmark data in bulk, straight through JDBC: creating thousands of users through
 * {@code UserService} would spend minutes in bcrypt. The users cannot log in (no password hash).
 */
public final class BulkUsers {
    private BulkUsers() {
    }

    /**
     * Inserts {@code count} users {@code <prefix>0..} of {@code tenantId}, user {@code i} in
     * {@code departmentIds[i % length]} (none when empty), in one transaction.
     *
     * @return their ids, in account order
     */
    public static long[] insert(DataSource db, long tenantId, String prefix, int count, long[] departmentIds)
            throws SQLException {
        long[] ids = new long[count];
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO org_user (tenant_id, account, name,"
                    + " password_hash, role, disabled, created_at) VALUES (?, ?, ?, 'x', 0, 0, 0)")) {
                for (int i = 0; i < count; i++) {
                    insert.setLong(1, tenantId);
                    insert.setString(2, prefix + i);
                    insert.setString(3, "User " + prefix + i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id FROM org_user WHERE tenant_id = ? AND account LIKE ? ORDER BY id")) {
                select.setLong(1, tenantId);
                select.setString(2, prefix + "%");
                try (ResultSet rs = select.executeQuery()) {
                    for (int i = 0; rs.next() && i < count; i++) {
                        ids[i] = rs.getLong(1);
                    }
                }
            }
            if (departmentIds.length > 0) {
                try (PreparedStatement place = c.prepareStatement(
                        "INSERT INTO user_department (user_id, department_id, tenant_id) VALUES (?, ?, ?)")) {
                    for (int i = 0; i < count; i++) {
                        place.setLong(1, ids[i]);
                        place.setLong(2, departmentIds[i % departmentIds.length]);
                        place.setLong(3, tenantId);
                        place.addBatch();
                    }
                    place.executeBatch();
                }
            }
            c.commit();
        }
        return ids;
    }
}
