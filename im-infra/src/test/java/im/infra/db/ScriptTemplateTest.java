package im.infra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptTemplateTest {

    @Test
    void statementsFor_shouldRepeatShardStatementsPerTable_andRunOthersOnce() {
        ScriptTemplate t = new ScriptTemplate("1", "x", """
                -- a comment; with a semicolon
                CREATE TABLE a_${shard} (
                  id BIGINT
                );
                CREATE TABLE single (id BIGINT);
                """);

        assertThat(t.statementsFor(List.of(1, 3))).containsExactly(
                "CREATE TABLE a_1 (\n  id BIGINT\n)",
                "CREATE TABLE a_3 (\n  id BIGINT\n)",
                "CREATE TABLE single (id BIGINT)");
    }

    @Test
    void split_shouldRefuse_aScriptWithoutFinalSemicolon() {
        assertThatThrownBy(() -> ScriptTemplate.split("CREATE TABLE x (id INT)"))
                .hasMessageContaining("does not end with ';'");
    }

    @Test
    void checksum_shouldDependOnTheTemplate_notOnTheLayout() {
        ScriptTemplate t = new ScriptTemplate("2", "x", "CREATE TABLE a_${shard} (id INT);\n");
        assertThat(t.expandFor(List.of(0, 2)).getChecksum()).isEqualTo(t.expandFor(List.of(1)).getChecksum());
        assertThat(new ScriptTemplate("2", "x", "CREATE TABLE b_${shard} (id INT);\n").expandFor(List.of(0))
                .getChecksum()).isNotEqualTo(t.expandFor(List.of(0)).getChecksum());
    }
}
