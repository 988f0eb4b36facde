package im.infra.db;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;

/**
 * The physical databases of a sharded logical database, for the few hot paths that write batched
 * JDBC straight into the physical tables instead of through ShardingSphere (which parses every
 * statement shape with ANTLR and builds its executors per statement: per batch that is most of the
 * cost). Routing is the one {@link ShardingDataSourceFactory} configures and {@link DatabaseLayout}
 * documents, so both paths always agree: table {@code t_(key % tables)} in database
 * {@code (key % tables) % databases}. Thread-safe.
 */
public final class PhysicalShards implements AutoCloseable {
    private final DatabaseLayout layout;
    private final List<DataSource> databases;
    private final boolean owned;

    /** Over data sources the caller owns, one per URL of the layout, in shard order. */
    public PhysicalShards(DatabaseLayout layout, List<DataSource> databases) {
        this(layout, databases, false);
    }

    private PhysicalShards(DatabaseLayout layout, List<DataSource> databases, boolean owned) {
        if (databases.size() != layout.databaseCount()) {
            throw new IllegalArgumentException("layout " + layout.name() + " has " + layout.databaseCount()
                    + " databases, got " + databases.size() + " data sources");
        }
        this.layout = layout;
        this.databases = List.copyOf(databases);
        this.owned = owned;
    }

    /**
     * Pools of their own ({@code <poolPrefix>-<db>}, at most {@code poolSize} connections each), closed
     * with this. Their connections come with auto-commit off: a writer begins transactions by just
     * writing and ends them with a commit; see {@link #begin}.
     */
    public static PhysicalShards pooled(DatabaseLayout layout, String poolPrefix, int poolSize) {
        List<DataSource> pools = new ArrayList<>();
        for (int db = 0; db < layout.databaseCount(); db++) {
            pools.add(DataSources.writerPool(poolPrefix + "-" + db, layout.urls().get(db), layout.user(),
                    layout.password(), poolSize, false));
        }
        return new PhysicalShards(layout, pools, true);
    }

    /**
     * Makes {@code c} transactional: a no-op on the connections of {@link #pooled} (auto-commit is off
     * already), one round trip on a pool that hands out auto-commit connections (which resets it when
     * the connection comes back).
     */
    public static Connection begin(Connection c) throws SQLException {
        if (c.getAutoCommit()) {
            c.setAutoCommit(false);
        }
        return c;
    }

    /** The physical table index of a sharding key. */
    public int tableOf(long key) {
        return (int) Math.floorMod(key, (long) layout.tableCount());
    }

    /**
     * The items of {@code all} whose key lives in physical database {@code db}, by physical table in
     * ascending order (each table's items in their order in {@code all}): what one multi-row statement
     * per table writes.
     */
    public <T> Map<Integer, List<T>> byTable(int db, List<T> all, ToLongFunction<T> key) {
        Map<Integer, List<T>> out = new TreeMap<>();
        for (T item : all) {
            int table = tableOf(key.applyAsLong(item));
            if (databaseOfTable(table) == db) {
                out.computeIfAbsent(table, t -> new ArrayList<>()).add(item);
            }
        }
        return out;
    }

    /** True when a key of {@code all} lives in physical database {@code db} (no grouping, no allocation). */
    public <T> boolean anyIn(int db, List<T> all, ToLongFunction<T> key) {
        for (T item : all) {
            if (databaseOfTable(tableOf(key.applyAsLong(item))) == db) {
                return true;
            }
        }
        return false;
    }

    /** The database holding physical table {@code table}. */
    public int databaseOfTable(int table) {
        return table % layout.databaseCount();
    }

    public int databaseCount() {
        return layout.databaseCount();
    }

    public DataSource database(int db) {
        return databases.get(db);
    }

    /** The physical name of table {@code index} of logical table {@code logical}. */
    public static String table(String logical, int index) {
        return logical + "_" + index;
    }

    @Override
    public void close() {
        if (owned) {
            for (DataSource d : databases) {
                ((HikariDataSource) d).close();
            }
        }
    }
}
