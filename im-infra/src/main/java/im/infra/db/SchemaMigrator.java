package im.infra.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code sql/<logical db>/V<version>__<description>.sql} to every physical database of a
 * logical database with Flyway: history, checksums and the migration lock are Flyway's. Scripts are
 * templates: a statement naming {@code ${shard}} is run once per physical table the database holds
 * ({@code message_${shard}} -> {@code message_0}, {@code message_2}, ...), any other statement once.
 * So the shard layout stays configuration and the scripts are written once for every layout.
 * Creates the physical databases when missing. Idempotent; safe to run from several processes.
 */
public final class SchemaMigrator {
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final Pattern FILE = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(\\w+)\\.sql");

    private final Path sqlRoot;

    /** @param sqlRoot the {@code sql/} folder holding one subfolder per logical database */
    public SchemaMigrator(Path sqlRoot) {
        this.sqlRoot = sqlRoot;
    }

    /** Migrates every physical database of {@code layout}; returns the migrations applied now. */
    public int migrate(DatabaseLayout layout) throws IOException, SQLException {
        Path dir = sqlRoot.resolve(layout.name());
        List<ScriptTemplate> scripts = scripts(dir);
        int applied = 0;
        for (int db = 0; db < layout.databaseCount(); db++) {
            String url = layout.urls().get(db);
            createDatabase(url, layout.user(), layout.password());
            List<Integer> shards = layout.tableIndexesOf(db);
            List<JavaMigration> migrations = new ArrayList<>();
            for (ScriptTemplate s : scripts) {
                migrations.add(s.expandFor(shards));
            }
            Flyway flyway = Flyway.configure()
                    .dataSource(url, layout.user(), layout.password())
                    .locations("classpath:im/infra/db/no-sql-migrations")
                    .javaMigrations(migrations.toArray(JavaMigration[]::new))
                    .failOnMissingLocations(false)
                    .load();
            MigrateResult result = flyway.migrate();
            applied += result.migrationsExecuted;
            MigrationInfo current = flyway.info().current();
            log.info("Migrated {} ({}): {} applied, at version {}", DataSources.databaseName(url), layout.name(),
                    result.migrationsExecuted, current == null ? "none" : current.getVersion());
        }
        return applied;
    }

    static List<ScriptTemplate> scripts(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no migration folder " + dir.toAbsolutePath());
        }
        List<ScriptTemplate> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                Matcher m = FILE.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                out.add(new ScriptTemplate(m.group(1).replace('_', '.'), m.group(2).replace('_', ' '),
                        Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private static void createDatabase(String url, String user, String password) throws SQLException {
        String name = DataSources.databaseName(url);
        try (Connection c = DriverManager.getConnection(DataSources.serverUrl(url), user, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }
}
