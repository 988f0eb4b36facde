package im.infra.ops;

import im.infra.config.ConfigException;
import im.infra.config.ImConfig;
import im.infra.config.Namespace;
import im.infra.db.DataSources;
import im.infra.db.DatabaseLayout;
import im.infra.zk.CuratorFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * {@code java -cp ... im.infra.ops.DropNamespaceCommand CONFIG NAMESPACE}: removes what one namespace
 * left on the shared servers: its physical databases (only those whose name carries the namespace, so a
 * configuration without {@code ${namespace}} never loses a shared database), its Redis keys
 * ({@code <namespace>:*}), its ZooKeeper tree ({@code /im/<namespace>}) and its archive indices
 * ({@code im-<namespace>-msg-archive*}). RocketMQ topics stay (the broker deletes nothing cheaply; they are empty
 * to anyone else). {@code deploy/imctl test} runs it on its test namespace. Refuses {@code dev}.
 * Exits 1 with the reason on failure.
 */
public final class DropNamespaceCommand {
    private DropNamespaceCommand() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: DropNamespaceCommand CONFIG_FILE NAMESPACE");
            System.exit(2);
        }
        try {
            Namespace ns = new Namespace(args[1]);
            System.out.println(drop(ImConfig.load(Path.of(args[0])), ns));
        } catch (ConfigException e) {
            System.err.println("ERROR: bad configuration: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("ERROR: could not drop the namespace: " + e);
            System.exit(1);
        }
    }

    /**
     * Drops what namespace {@code ns} holds on the servers {@code config} names; for tools and test
     * harnesses that made a namespace of their own. Returns what it did, one line per server.
     *
     * @throws ConfigException for the default namespace {@code dev}, which is never dropped
     */
    public static String drop(ImConfig config, Namespace ns) throws Exception {
        if (ns.name().equals(Namespace.DEFAULT)) {
            throw new ConfigException("refusing to drop the default namespace '" + Namespace.DEFAULT + "'");
        }
        ImConfig c = config.with(Namespace.KEY, ns.name());
        StringBuilder out = new StringBuilder();
        out.append("databases dropped: ").append(dropDatabases(c, ns)).append('\n');
        out.append("redis keys deleted: ").append(dropRedisKeys(c, ns)).append('\n');
        dropZooKeeperTree(c, ns);
        out.append("zookeeper /").append(ns.zkRoot()).append(" deleted\n");
        out.append("archive indices: ").append(dropIndices(c, ns));
        return out.toString();
    }

    private static Set<String> dropDatabases(ImConfig config, Namespace ns) throws Exception {
        Set<String> dropped = new LinkedHashSet<>();
        for (DatabaseLayout layout : DatabaseLayout.all(config)) {
            for (String url : layout.urls()) {
                String name = DataSources.databaseName(url);
                if (!name.contains("_" + ns.name() + "_")) {
                    System.out.println("kept " + name + ": its name does not carry the namespace");
                    continue;
                }
                try (Connection c = DriverManager.getConnection(DataSources.serverUrl(url), layout.user(),
                        layout.password()); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS `" + name + "`");
                }
                dropped.add(name);
            }
        }
        return dropped;
    }

    /** With a client without name mapper: the keys as Redis holds them. */
    private static long dropRedisKeys(ImConfig c, Namespace ns) {
        Config config = new Config();
        config.useSingleServer().setAddress(c.string("redis.address", "redis://127.0.0.1:6379"))
                .setDatabase(c.intValue("redis.database", 0, 0, 15))
                .setConnectionPoolSize(2).setConnectionMinimumIdleSize(1);
        config.setNettyThreads(2);
        RedissonClient redis = Redisson.create(config);
        try {
            return redis.getKeys().deleteByPattern(ns.redisPrefix() + "*");
        } finally {
            redis.shutdown();
        }
    }

    private static void dropZooKeeperTree(ImConfig config, Namespace ns) throws Exception {
        try (CuratorFramework zk = CuratorFactory.create(config, 10_000, 10_000)) {
            CuratorFramework absolute = zk.usingNamespace(null);
            if (absolute.checkExists().forPath("/" + ns.zkRoot()) != null) {
                absolute.delete().deletingChildrenIfNeeded().forPath("/" + ns.zkRoot());
            }
        }
    }

    private static String dropIndices(ImConfig config, Namespace ns) throws Exception {
        String es = config.list("es.hosts").isEmpty() ? "http://127.0.0.1:9200" : config.list("es.hosts").get(0);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(es + "/im-" + ns.name() + "-msg-archive*"))
                .timeout(Duration.ofSeconds(30)).DELETE().build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }
}
