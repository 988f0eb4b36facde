package im.access.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes this node's open-connection count every period as the data of an ephemeral znode
 * {@code /access/nodes/<instanceId>} under the client's namespace root {@code /im/<namespace>}: JSON
 * {@code {"instanceId":"im-access-0","tcp":"127.0.0.1:9000","ws":"ws://127.0.0.1:9001/ws","load":123}},
 * the format {@code im.access.http.AccessNodeDirectory} reads. Curator's {@link PersistentNode}
 * recreates the node after a session loss; a dead node's znode goes with its session. One named
 * thread.
 */
public final class LoadPublisher implements AutoCloseable {
    /** Relative to the {@code im} namespace. */
    public static final String NODES_PATH = "/access/nodes";
    private static final Logger log = LoggerFactory.getLogger(LoadPublisher.class);

    private final PersistentNode node;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("access-load-publisher", true));
    private final ObjectMapper json = new ObjectMapper();
    private final String instanceId;
    private final String tcp;
    private final String ws;
    private final IntSupplier load;

    /** @param zk a started client with namespace {@code im} */
    public LoadPublisher(CuratorFramework zk, String instanceId, String tcp, String ws, IntSupplier load,
                         long periodMillis) throws Exception {
        this.instanceId = instanceId;
        this.tcp = tcp;
        this.ws = ws;
        this.load = load;
        this.node = new PersistentNode(zk, CreateMode.EPHEMERAL, false, NODES_PATH + "/" + instanceId, data());
        node.start();
        if (!node.waitForInitialCreate(15, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not create " + NODES_PATH + "/" + instanceId + " in ZooKeeper");
        }
        timer.scheduleAtFixedRate(this::publish, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private byte[] data() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instanceId", instanceId);
        m.put("tcp", tcp);
        m.put("ws", ws);
        m.put("load", load.getAsInt());
        return json.writeValueAsString(m).getBytes(StandardCharsets.UTF_8);
    }

    private void publish() {
        try {
            node.setData(data());
        } catch (Exception e) {
            log.warn("Failed to publish load: {instanceId={}}: {}", instanceId, e.toString());
        }
    }

    @Override
    public void close() throws java.io.IOException {
        timer.shutdownNow();
        node.close();
    }
}
