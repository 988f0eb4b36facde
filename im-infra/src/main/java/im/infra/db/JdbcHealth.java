package im.infra.db;

import im.infra.health.HealthCheck;
import java.sql.Connection;
import javax.sql.DataSource;

/** Health of a data source: a connection that answers {@code isValid} within two seconds. */
public final class JdbcHealth {
    private JdbcHealth() {
    }

    public static HealthCheck of(DataSource dataSource) {
        return () -> {
            try (Connection c = dataSource.getConnection()) {
                if (!c.isValid(2)) {
                    throw new IllegalStateException("connection not valid");
                }
                return c.getMetaData().getDatabaseProductVersion();
            }
        };
    }
}
