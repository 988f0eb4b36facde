package im.infra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.infra.config.ConfigException;
import im.infra.config.ImConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatabaseLayoutTest {

    private static DatabaseLayout msg(int dbs, int tablesPerDb) {
        StringBuilder urls = new StringBuilder();
        for (int i = 0; i < dbs; i++) {
            urls.append(i == 0 ? "" : ",").append("jdbc:mariadb://h:3306/im_msg_").append(i);
        }
        return DatabaseLayout.from(ImConfig.of(Map.of("db.msg.urls", urls.toString(),
                "db.msg.tables-per-db", Integer.toString(tablesPerDb),
                "db.msg.sharded-tables", "message:msg_id, user_timeline:user_id"), Map.of()), "msg");
    }

    @Test
    void tableIndexes_shouldPartitionAllTables_withTableIInDatabaseIModCount() {
        for (int[] shape : new int[][] {{1, 1}, {2, 8}, {3, 5}, {16, 64}}) {
            DatabaseLayout layout = msg(shape[0], shape[1]);
            Set<Integer> seen = new HashSet<>();
            for (int db = 0; db < layout.databaseCount(); db++) {
                List<Integer> tables = layout.tableIndexesOf(db);
                assertThat(tables).hasSize(shape[1]);
                for (int t : tables) {
                    assertThat(t % layout.databaseCount()).isEqualTo(db);
                    assertThat(seen.add(t)).isTrue();
                }
            }
            assertThat(seen).hasSize(layout.tableCount());
        }
    }

    @Test
    void from_shouldReadShardedTables() {
        DatabaseLayout layout = msg(2, 8);
        assertThat(layout.sharded()).isTrue();
        assertThat(layout.tableCount()).isEqualTo(16);
        assertThat(layout.shardedTables()).containsEntry("message", "msg_id").containsEntry("user_timeline", "user_id");
    }

    @Test
    void from_shouldNameTheKey_whenLayoutIsInvalid() {
        assertThatThrownBy(() -> DatabaseLayout.from(ImConfig.of(Map.of(), Map.of()), "org"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("db.org.urls");
        assertThatThrownBy(() -> DatabaseLayout.from(ImConfig.of(Map.of("db.org.urls", "mysql://x"), Map.of()), "org"))
                .hasMessageContaining("not a JDBC URL");
        assertThatThrownBy(() -> DatabaseLayout.from(ImConfig.of(Map.of("db.m.urls", "jdbc:x://h/d",
                "db.m.sharded-tables", "message"), Map.of()), "m"))
                .hasMessageContaining("table:column");
    }

    @Test
    void urls_shouldYieldServerUrlAndDatabaseName() {
        assertThat(DataSources.serverUrl("jdbc:mariadb://h:3306/im_org?a=b")).isEqualTo("jdbc:mariadb://h:3306/?a=b");
        assertThat(DataSources.databaseName("jdbc:mariadb://h:3306/im_org?a=b")).isEqualTo("im_org");
        assertThatThrownBy(() -> DataSources.databaseName("jdbc:mariadb://h:3306/im-org;drop"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
