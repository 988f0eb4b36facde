package im.infra.db;

import im.infra.config.ConfigException;
import im.infra.config.ImConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one logical database lives: its physical databases and, for sharded tables, how many
 * physical tables each holds. Read from configuration, so no code knows the shard count:
 * <pre>
 * db.msg.urls=jdbc:mariadb://127.0.0.1:3306/im_msg_0,jdbc:mariadb://127.0.0.1:3306/im_msg_1
 * db.msg.tables-per-db=8
 * db.msg.sharded-tables=message:msg_id,user_timeline:user_id
 * </pre>
 * A sharded table {@code t} has {@code urls * tables-per-db} physical tables {@code t_0..t_N-1};
 * table {@code t_i} lives in database {@code i % urls}, so a key's database is {@code key % urls}
 * and its table {@code key % N}, which agree because N is a multiple of the database count.
 * An unsharded logical database has one URL and no sharded tables.
 *
 * @param name          logical name, e.g. {@code msg}
 * @param urls          JDBC URLs of the physical databases, in shard order
 * @param tablesPerDb   physical tables per database for each sharded table
 * @param shardedTables logical table -> sharding column
 */
public record DatabaseLayout(String name, List<String> urls, int tablesPerDb, Map<String, String> shardedTables,
                             String user, String password) {

    public DatabaseLayout {
        urls = List.copyOf(urls);
        shardedTables = Map.copyOf(shardedTables);
        if (urls.isEmpty()) {
            throw new ConfigException("db." + name + ".urls must list at least one JDBC URL");
        }
        for (String url : urls) {
            if (!url.startsWith("jdbc:")) {
                throw new ConfigException("db." + name + ".urls: not a JDBC URL: " + url);
            }
        }
        if (tablesPerDb < 1) {
            throw new ConfigException("db." + name + ".tables-per-db must be >= 1, was " + tablesPerDb);
        }
    }

    /** Reads {@code db.<name>.*} plus the shared {@code db.user} / {@code db.password}. */
    public static DatabaseLayout from(ImConfig c, String name) {
        String prefix = "db." + name + ".";
        Map<String, String> sharded = new LinkedHashMap<>();
        for (String pair : c.list(prefix + "sharded-tables")) {
            String[] parts = pair.split(":");
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new ConfigException(prefix + "sharded-tables: expected table:column, was '" + pair + "'");
            }
            sharded.put(parts[0].trim(), parts[1].trim());
        }
        List<String> urls = c.list(prefix + "urls");
        if (urls.isEmpty()) {
            throw new ConfigException("missing required key '" + prefix + "urls' (or env IM_"
                    + ImConfig.envName(prefix + "urls") + ")");
        }
        return new DatabaseLayout(name, urls, c.intValue(prefix + "tables-per-db", 1, 1, 4096), sharded,
                c.string("db.user", "root"), c.string("db.password", ""));
    }

    /** Logical databases named by {@code db.names}, e.g. {@code org,msg,wallet,redpacket}. */
    public static List<DatabaseLayout> all(ImConfig c) {
        List<DatabaseLayout> out = new ArrayList<>();
        for (String name : c.list("db.names")) {
            out.add(from(c, name));
        }
        return out;
    }

    public boolean sharded() {
        return !shardedTables.isEmpty();
    }

    public int databaseCount() {
        return urls.size();
    }

    /** Physical tables per sharded table over all databases. */
    public int tableCount() {
        return urls.size() * tablesPerDb;
    }

    /** Indexes {@code i} of the physical tables {@code t_i} that database {@code db} holds. */
    public List<Integer> tableIndexesOf(int db) {
        List<Integer> out = new ArrayList<>(tablesPerDb);
        for (int i = db; i < tableCount(); i += urls.size()) {
            out.add(i);
        }
        return out;
    }

    /** The data-source name ShardingSphere uses for database {@code db}. */
    public static String dataSourceName(int db) {
        return "ds_" + db;
    }
}
