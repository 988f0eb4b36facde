package im.infra.db;

import im.infra.config.ImConfig;
import im.infra.config.ConfigException;
import java.nio.file.Path;

/**
 * {@code java -cp ... im.infra.db.MigrateCommand CONFIG SQL_DIR}: migrates every logical database
 * that {@code db.names} lists in CONFIG (usually {@code deploy/config/shared.properties}). Used by
 * {@code deploy/imctl up}; exits 1 with the reason on failure.
 */
public final class MigrateCommand {
    private MigrateCommand() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: MigrateCommand CONFIG_FILE SQL_DIR");
            System.exit(2);
        }
        try {
            ImConfig config = ImConfig.load(Path.of(args[0]));
            SchemaMigrator migrator = new SchemaMigrator(Path.of(args[1]));
            int applied = 0;
            for (DatabaseLayout layout : DatabaseLayout.all(config)) {
                applied += migrator.migrate(layout);
            }
            System.out.println("migrations applied: " + applied);
        } catch (ConfigException e) {
            System.err.println("ERROR: bad configuration: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("ERROR: migration failed: " + e);
            System.exit(1);
        }
    }
}
