package im.infra.db;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.shardingsphere.driver.api.ShardingSphereDataSourceFactory;
import org.apache.shardingsphere.infra.algorithm.core.config.AlgorithmConfiguration;
import org.apache.shardingsphere.infra.config.mode.ModeConfiguration;
import org.apache.shardingsphere.sharding.api.config.ShardingRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.rule.ShardingAutoTableRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.strategy.sharding.StandardShardingStrategyConfiguration;

/**
 * Builds the ShardingSphere-JDBC data source of a sharded logical database from its
 * {@link DatabaseLayout}. Every sharded table is an auto table routed with the built-in MOD
 * algorithm on its sharding column: table {@code t_(key % tables)}, which ShardingSphere places in
 * {@code ds_(index % databases)}, the layout {@link DatabaseLayout} and the migrations assume.
 * Tables that are not sharded are single tables in {@code ds_0}.
 */
public final class ShardingDataSourceFactory {
    private ShardingDataSourceFactory() {
    }

    /**
     * @param maxPoolSizePerDb connections per physical database
     */
    public static DataSource create(DatabaseLayout layout, int maxPoolSizePerDb) throws SQLException {
        Map<String, DataSource> dataSources = new LinkedHashMap<>();
        for (int db = 0; db < layout.databaseCount(); db++) {
            dataSources.put(DatabaseLayout.dataSourceName(db), DataSources.pooled(
                    "db-" + layout.name() + "-" + db, layout.urls().get(db), layout.user(), layout.password(),
                    maxPoolSizePerDb));
        }

        ShardingRuleConfiguration rule = new ShardingRuleConfiguration();
        String algorithm = "mod_" + layout.tableCount();
        rule.getShardingAlgorithms().put(algorithm, mod(layout.tableCount()));
        String actualDataSources = String.join(",", dataSources.keySet());
        layout.shardedTables().forEach((table, column) -> {
            ShardingAutoTableRuleConfiguration t = new ShardingAutoTableRuleConfiguration(table, actualDataSources);
            t.setShardingStrategy(new StandardShardingStrategyConfiguration(column, algorithm));
            rule.getAutoTables().add(t);
        });

        Properties props = new Properties();
        props.setProperty("sql-show", "false");
        return ShardingSphereDataSourceFactory.createDataSource("im_" + layout.name(),
                new ModeConfiguration("Standalone", null), dataSources, List.of(rule), props);
    }

    private static AlgorithmConfiguration mod(int count) {
        Properties p = new Properties();
        p.setProperty("sharding-count", Integer.toString(count));
        return new AlgorithmConfiguration("MOD", p);
    }
}
