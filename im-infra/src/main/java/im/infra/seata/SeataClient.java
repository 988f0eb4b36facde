package im.infra.seata;

import im.infra.config.Namespace;
import io.seata.rm.RMClient;
import io.seata.rm.datasource.DataSourceProxy;
import io.seata.tm.TMClient;
import javax.sql.DataSource;

/**
 * Joins this process to a Seata server as transaction manager and resource manager (AT mode), in
 * file-registry mode: the transaction group maps to the {@code default} cluster at
 * {@code serverAddress}. Seata keeps its client state in statics, so a process calls {@link #init}
 * once, before wrapping any data source.
 *
 * <p>The Seata application id carries the namespace ({@code im-redpacket-dev}). The server takes every
 * resource manager of one application id on one host for a stand-in of every other: when the node that
 * registered a branch is gone, it sends the branch's rollback or commit to another channel of the same
 * application and IP ({@code ChannelManager.updateChannelsResource} files each such channel under every
 * resource any of them registered). With a plain {@code im-redpacket}, a test stack's crashed node had
 * its rollbacks sent to the {@code dev} stack's im-redpacket, which has no such database, does not answer,
 * and was chosen again on every retry: the global transaction stayed unfinished, holding its row locks
 * (issue 15). Within one namespace every node has the same databases, so any of them may stand in.
 */
public final class SeataClient {
    private SeataClient() {
    }

    /**
     * @param applicationId   e.g. {@code im-redpacket}; Seata sees {@code <applicationId>-<namespace>}
     * @param namespace       the deployment, so that stacks sharing a Seata server never stand in for each other
     * @param txServiceGroup  the transaction group, e.g. {@code im_tx_group}
     * @param serverAddress   the Seata server, e.g. {@code 127.0.0.1:8091}
     */
    public static void init(String applicationId, Namespace namespace, String txServiceGroup, String serverAddress) {
        // Seata's file configuration reads system properties before its files, so a client with the
        // file registry needs no registry.conf or file.conf: these keys are all it reads.
        System.setProperty("config.type", "file");
        System.setProperty("config.file.name", "file.conf");
        System.setProperty("registry.type", "file");
        System.setProperty("service.vgroupMapping." + txServiceGroup, "default");
        System.setProperty("service.default.grouplist", serverAddress);
        String seataApplicationId = applicationId(applicationId, namespace);
        TMClient.init(seataApplicationId, txServiceGroup);
        RMClient.init(seataApplicationId, txServiceGroup);
    }

    /** The application id Seata sees: {@code <applicationId>-<namespace>}, e.g. {@code im-redpacket-dev}. */
    public static String applicationId(String applicationId, Namespace namespace) {
        return applicationId + "-" + namespace.name();
    }

    /** Wraps {@code target} so its writes take part in global transactions (needs {@code undo_log}). */
    public static DataSource proxy(DataSource target) {
        return new DataSourceProxy(target);
    }
}
