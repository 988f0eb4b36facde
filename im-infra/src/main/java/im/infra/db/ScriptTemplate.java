package im.infra.db;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * One migration script before shard expansion. Statements end with {@code ;} at the end of a line;
 * {@code --} lines are comments. See {@link SchemaMigrator} for the {@code ${shard}} rule.
 */
record ScriptTemplate(String version, String description, String text) {
    static final String SHARD = "${shard}";

    /** The statements for a database holding the physical tables {@code shards}. */
    List<String> statementsFor(List<Integer> shards) {
        List<String> out = new ArrayList<>();
        for (String statement : split(text)) {
            if (statement.contains(SHARD)) {
                for (int shard : shards) {
                    out.add(statement.replace(SHARD, Integer.toString(shard)));
                }
            } else {
                out.add(statement);
            }
        }
        return out;
    }

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalArgumentException("script does not end with ';': " + current.toString().strip());
        }
        return out;
    }

    JavaMigration expandFor(List<Integer> shards) {
        List<String> statements = statementsFor(shards);
        CRC32 crc = new CRC32();
        // The checksum covers the template, not the expansion: adding shards is a layout change that
        // the operator migrates with a resharding tool, not something a checksum should flag as an edit.
        crc.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        int checksum = (int) crc.getValue();
        return new JavaMigration() {
            @Override
            public MigrationVersion getVersion() {
                return MigrationVersion.fromVersion(version);
            }

            @Override
            public String getDescription() {
                return description;
            }

            @Override
            public Integer getChecksum() {
                return checksum;
            }

            @Override
            public boolean canExecuteInTransaction() {
                // MariaDB commits implicitly around DDL; pretending otherwise would mislead Flyway.
                return false;
            }

            @Override
            public void migrate(Context context) throws Exception {
                try (Statement s = context.getConnection().createStatement()) {
                    for (String sql : statements) {
                        s.execute(sql);
                    }
                }
            }
        };
    }
}
