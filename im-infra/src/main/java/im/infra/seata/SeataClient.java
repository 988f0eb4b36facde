package im.infra.seata;

import io.seata.rm.RMClient;
import io.seata.rm.datasource.DataSourceProxy;
import io.seata.tm.TMClient;
import javax.sql.DataSource;

/**
 * Joins this process to a Seata server as transaction manager and resource manager (AT mode), in
 * file-registry mode: the transaction group maps to the {@code default} cluster at
 * {@code serverAddress}. Seata keeps its client state in statics, so a process calls {@link #init}
 * once, before wrapping any data source.
 */
public final class SeataClient {
    private SeataClient() {
    }

    /**
     * @param applicationId   e.g. {@code im-redpacket}
     * @param txServiceGroup  the transaction group, e.g. {@code im_tx_group}
     * @param serverAddress   the Seata server, e.g. {@code 127.0.0.1:8091}
     */
    public static void init(String applicationId, String txServiceGroup, String serverAddress) {
        // Seata's file configuration reads system properties before its files, so a client with the
        // file registry needs no registry.conf or file.conf: these keys are all it reads.
        System.setProperty("config.type", "file");
        System.setProperty("config.file.name", "file.conf");
        System.setProperty("registry.type", "file");
        System.setProperty("service.vgroupMapping." + txServiceGroup, "default");
        System.setProperty("service.default.grouplist", serverAddress);
        TMClient.init(applicationId, txServiceGroup);
        RMClient.init(applicationId, txServiceGroup);
    }

    /** Wraps {@code target} so its writes take part in global transactions (needs {@code undo_log}). */
    public static DataSource proxy(DataSource target) {
        return new DataSourceProxy(target);
    }
}
