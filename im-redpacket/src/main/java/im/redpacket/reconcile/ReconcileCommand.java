package im.redpacket.reconcile;

import com.zaxxer.hikari.HikariDataSource;
import im.api.redpacket.ReconcileReport;
import im.infra.config.ImConfig;
import im.infra.db.DataSources;
import im.infra.db.DatabaseLayout;
import im.redpacket.packet.PacketStore;
import java.nio.file.Path;

/**
 * {@code deploy/imctl reconcile}: runs the {@link Reconciler} over every tenant straight on the
 * databases and prints each difference; exit status 0 when the books agree, 1 when they do not.
 * {@code java -cp im-redpacket.jar im.redpacket.reconcile.ReconcileCommand deploy/config/im-redpacket.properties}.
 */
public final class ReconcileCommand {
    private ReconcileCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ReconcileCommand CONFIG_FILE");
            System.exit(2);
        }
        ImConfig config = ImConfig.load(Path.of(args[0]));
        try (HikariDataSource wallet = pool(config, "wallet"); HikariDataSource redpacket = pool(config, "redpacket")) {
            ReconcileReport r = new Reconciler(wallet, new PacketStore(redpacket), System::currentTimeMillis).run(0);
            r.differences().forEach(System.out::println);
            System.out.println("reconciliation: " + r.walletsChecked() + " wallets, " + r.packetsChecked()
                    + " packets, " + r.differences().size() + " differences");
            System.exit(r.differences().isEmpty() ? 0 : 1);
        }
    }

    private static HikariDataSource pool(ImConfig config, String db) {
        DatabaseLayout layout = DatabaseLayout.from(config, db);
        return DataSources.pooled("reconcile-" + db, layout.urls().get(0), layout.user(), layout.password(), 2);
    }
}
