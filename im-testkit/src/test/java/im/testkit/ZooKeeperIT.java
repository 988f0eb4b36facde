package im.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StackExtension.class)
class ZooKeeperIT {

    @Test
    void ephemeralNode_shouldBeSeenByOthers_andVanishWithItsSession(Stack stack) throws Exception {
        String path = "/workers/" + UUID.randomUUID();
        try (CuratorFramework observer = stack.newCurator()) {
            CuratorFramework owner = stack.newCurator();
            try {
                owner.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                        .forPath(path, "node-1".getBytes(StandardCharsets.UTF_8));
                assertThat(new String(observer.getData().forPath(path), StandardCharsets.UTF_8)).isEqualTo("node-1");
            } finally {
                owner.close(); // ends the session: ZooKeeper deletes its ephemeral nodes at once
            }
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (observer.checkExists().forPath(path) != null && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(observer.checkExists().forPath(path)).isNull();
        }
    }
}
