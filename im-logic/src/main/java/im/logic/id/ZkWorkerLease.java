package im.logic.id;

import java.util.concurrent.ThreadLocalRandom;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message-id worker id leased as an ephemeral node {@code /msg-id-workers/<n>} (under the Curator
 * client's namespace): the first free {@code n} from a random start wins. The node lives as long as
 * this process's ZooKeeper session, so two live processes never hold one id.
 *
 * <p>When Curator reports the session {@code LOST}, another process may take the id: the lease is
 * dropped at once ({@link #workerId()} answers -1 and ids are refused) and taken again, the same id
 * if still free, after reconnecting. Thread-safe.
 */
public final class ZkWorkerLease implements WorkerLease, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ZkWorkerLease.class);
    static final String ROOT = "/msg-id-workers";

    private final CuratorFramework zk;
    private final String owner;
    private volatile int workerId = -1;

    private ZkWorkerLease(CuratorFramework zk, String owner) {
        this.zk = zk;
        this.owner = owner;
    }

    /**
     * Leases a worker id now and keeps it across reconnects.
     *
     * @param owner written into the node, for operators (e.g. the instance id)
     * @throws IllegalStateException when all {@link MsgIdGenerator#MAX_WORKERS} ids are taken
     */
    public static ZkWorkerLease acquire(CuratorFramework zk, String owner) throws Exception {
        ZkWorkerLease lease = new ZkWorkerLease(zk, owner);
        lease.lease(ThreadLocalRandom.current().nextInt(MsgIdGenerator.MAX_WORKERS));
        zk.getConnectionStateListenable().addListener((client, state) -> lease.onStateChange(state));
        return lease;
    }

    @Override
    public int workerId() {
        return workerId;
    }

    private synchronized void lease(int preferred) throws Exception {
        for (int i = 0; i < MsgIdGenerator.MAX_WORKERS; i++) {
            int candidate = (preferred + i) % MsgIdGenerator.MAX_WORKERS;
            try {
                zk.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL)
                        .forPath(ROOT + "/" + candidate, owner.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                workerId = candidate;
                log.info("Leased message-id worker {} for {}", candidate, owner);
                return;
            } catch (KeeperException.NodeExistsException taken) {
                if (ownedByThisSession(candidate)) {
                    workerId = candidate;
                    return;
                }
            }
        }
        throw new IllegalStateException("all " + MsgIdGenerator.MAX_WORKERS + " message-id worker ids are leased");
    }

    private boolean ownedByThisSession(int candidate) throws Exception {
        Stat stat = zk.checkExists().forPath(ROOT + "/" + candidate);
        return stat != null && stat.getEphemeralOwner() == zk.getZookeeperClient().getZooKeeper().getSessionId();
    }

    private void onStateChange(ConnectionState state) {
        if (state == ConnectionState.LOST) {
            int lost = workerId;
            workerId = -1;
            log.warn("Failed to keep message-id worker {}: ZooKeeper session lost; refusing ids until re-leased", lost);
        } else if (state == ConnectionState.RECONNECTED && workerId < 0) {
            try {
                lease(ThreadLocalRandom.current().nextInt(MsgIdGenerator.MAX_WORKERS));
            } catch (Exception e) {
                log.error("Failed to re-lease a message-id worker id: {}", e.toString(), e);
            }
        }
    }

    @Override
    public synchronized void close() {
        int held = workerId;
        workerId = -1;
        if (held >= 0 && zk.getZookeeperClient().isConnected()) {
            try {
                zk.delete().quietly().forPath(ROOT + "/" + held);
            } catch (Exception e) {
                // The node is ephemeral: it goes with the session anyway.
                log.warn("Failed to release message-id worker {}: {}", held, e.toString());
            }
        }
    }
}
