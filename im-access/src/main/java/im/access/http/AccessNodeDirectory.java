package im.access.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access nodes that publish themselves in ZooKeeper, least loaded first, for the login answer.
 * Each node holds an ephemeral znode {@code /im/access/nodes/<instanceId>} (Curator namespace
 * {@code im}) with JSON {@code {"instanceId","tcp","ws","load"}}. Read at each login (a few small
 * znodes); an unreadable or malformed node is skipped, no node at all is an empty list.
 * Thread-safe.
 */
final class AccessNodeDirectory {
    /** Relative to the client's {@code im} namespace. */
    static final String NODES_PATH = "/access/nodes";
    private static final Logger log = LoggerFactory.getLogger(AccessNodeDirectory.class);

    /** One published node as the login answer lists it. */
    record Endpoint(String tcp, String ws, long load) {
    }

    private final CuratorFramework zk;
    private final ObjectMapper json;

    /** @param zk a client with namespace {@code im} */
    AccessNodeDirectory(CuratorFramework zk, ObjectMapper json) {
        this.zk = zk;
        this.json = json;
    }

    List<Endpoint> leastLoadedFirst() {
        List<String> children;
        try {
            children = zk.getChildren().forPath(NODES_PATH);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            log.warn("Failed to list access nodes: {path={}}: {}", NODES_PATH, e.toString());
            return List.of();
        }
        List<Endpoint> out = new ArrayList<>(children.size());
        for (String child : children) {
            try {
                JsonNode n = json.readTree(zk.getData().forPath(NODES_PATH + "/" + child));
                if (n != null && n.path("tcp").isTextual() && n.path("ws").isTextual() && n.path("load").canConvertToLong()) {
                    out.add(new Endpoint(n.get("tcp").textValue(), n.get("ws").textValue(), n.get("load").longValue()));
                } else {
                    log.warn("Skipping malformed access node: {node={}}", child);
                }
            } catch (KeeperException.NoNodeException e) {
                // went away between the listing and the read: a node that just stopped
            } catch (Exception e) {
                log.warn("Skipping unreadable access node: {node={}}: {}", child, e.toString());
            }
        }
        out.sort(Comparator.comparingLong(Endpoint::load));
        return out;
    }
}
