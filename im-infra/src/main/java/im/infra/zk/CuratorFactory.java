package im.infra.zk;

import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/** Builds started ZooKeeper clients (Curator, the client Dubbo's registry also uses). */
public final class CuratorFactory {
    private CuratorFactory() {
    }

    /**
     * A started client, connected or failed within {@code connectTimeoutMillis}.
     *
     * @param namespace a chroot for everything this client touches, e.g. {@code im}
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
