package im.infra.zk;

import im.infra.config.ImConfig;
import im.infra.config.Namespace;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/** Builds started ZooKeeper clients (Curator, the client Dubbo's registry also uses). */
public final class CuratorFactory {
    private CuratorFactory() {
    }

    /**
     * A started client of {@code zk.address} whose paths all live under the deployment's root
     * {@code /im/<namespace>} ({@link Namespace#zkRoot()}): {@code /access/nodes} is
     * {@code /im/dev/access/nodes} in namespace {@code dev}.
     *
     * @throws IllegalStateException when ZooKeeper is not reachable in time
     */
    public static CuratorFramework create(ImConfig c, int sessionTimeoutMillis, int connectTimeoutMillis)
            throws InterruptedException {
        return create(c.string("zk.address", "127.0.0.1:2181"), Namespace.from(c).zkRoot(), sessionTimeoutMillis,
                connectTimeoutMillis);
    }

    /**
     * A started client, connected or failed within {@code connectTimeoutMillis}.
     *
     * @param namespace a chroot for everything this client touches, e.g. {@code im/dev}
     * @throws IllegalStateException when ZooKeeper is not reachable in time
     */
    public static CuratorFramework create(String connectString, String namespace, int sessionTimeoutMillis,
                                          int connectTimeoutMillis) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .namespace(namespace)
                .sessionTimeoutMs(sessionTimeoutMillis)
                .connectionTimeoutMs(connectTimeoutMillis)
                .retryPolicy(new ExponentialBackoffRetry(200, 5, 5_000))
                .build();
        client.start();
        if (!client.blockUntilConnected(connectTimeoutMillis, TimeUnit.MILLISECONDS)) {
            client.close();
            throw new IllegalStateException("ZooKeeper at " + connectString + " not reachable within "
                    + connectTimeoutMillis + " ms");
        }
        return client;
    }
}
