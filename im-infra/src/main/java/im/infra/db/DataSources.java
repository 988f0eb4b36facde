package im.infra.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Builds pooled JDBC data sources (HikariCP) with the settings every service uses. */
public final class DataSources {
    private DataSources() {
    }

    /**
     * A pool named {@code poolName} (HikariCP prefixes its log lines with it) of at most
     * {@code maxPoolSize} connections; a borrower waits at most 5 s.
     */
    public static HikariDataSource pooled(String poolName, String url, String user, String password,
                                          int maxPoolSize) {
        return pooled(poolName, url, user, password, maxPoolSize, true);
    }

    /**
     * {@link #pooled(String, String, String, String, int)} whose connections come with
     * {@code autoCommit} as given: {@code false} for a writer that always commits, so that no
     * transaction costs two {@code SET autocommit} round trips (nearly half the statements of a
     * lightly loaded send path).
     */
    public static HikariDataSource pooled(String poolName, String url, String user, String password,
                                          int maxPoolSize, boolean autoCommit) {
        return new HikariDataSource(config(poolName, url, user, password, maxPoolSize, autoCommit));
    }

    private static HikariConfig config(String poolName, String url, String user, String password, int maxPoolSize,
                                       boolean autoCommit) {
        HikariConfig config = new HikariConfig();
        config.setAutoCommit(autoCommit);
        config.setPoolName(poolName);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPoolSize);
        config.setMinimumIdle(Math.min(2, maxPoolSize));
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(10_000);
        return config;
    }

    /**
     * A pool for the batched writers that bypass ShardingSphere ({@link PhysicalShards}): like
     * {@link #pooled(String, String, String, String, int, boolean)}, and a transaction's statements
     * with its {@code COMMIT} may travel as one multi-statement packet ({@code allowMultiQueries}),
     * one round trip instead of one per statement. Only for code that binds every value as a
     * parameter and builds its SQL from constants.
     */
    public static HikariDataSource writerPool(String poolName, String url, String user, String password,
                                              int maxPoolSize, boolean autoCommit) {
        HikariConfig config = config(poolName, url, user, password, maxPoolSize, autoCommit);
        config.addDataSourceProperty("allowMultiQueries", "true");
        return new HikariDataSource(config);
    }

    /**
     * The server URL of a database URL ({@code jdbc:mariadb://h:3306/im_org?x=y} ->
     * {@code jdbc:mariadb://h:3306/?x=y}), for creating the database itself.
     */
    public static String serverUrl(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', base.indexOf("//") + 2);
        if (slash < 0) {
            throw new IllegalArgumentException("JDBC URL without a database name: " + url);
        }
        return base.substring(0, slash + 1) + params;
    }

    /**
     * The database name of a JDBC URL ({@code .../im_org?x} -> {@code im_org}); letters, digits, {@code _} and
     * the {@code -} a namespace may hold ({@code im_staging-eu_org}), always back-quoted in statements.
     */
    public static String databaseName(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String name = base.substring(base.lastIndexOf('/') + 1);
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("unsupported database name '" + name + "' in " + url);
        }
        return name;
    }
}
