package im.testkit;

import im.infra.config.CommonSettings;
import im.infra.config.ImConfig;
import im.infra.config.Namespace;
import im.infra.db.DataSources;
import im.infra.db.DatabaseLayout;
import im.infra.db.PhysicalShards;
import im.infra.db.SchemaMigrator;
import im.infra.db.ShardingDataSourceFactory;
import im.infra.es.ElasticsearchFactory;
import im.infra.mq.RocketMqFactory;
import im.infra.ops.DropNamespaceCommand;
import im.infra.redis.RedissonFactory;
import im.infra.zk.CuratorFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.curator.framework.CuratorFramework;
import org.elasticsearch.client.RestHighLevelClient;
import org.redisson.api.RedissonClient;

/**
 * The running development stack as tests see it: the configuration {@code deploy/} uses
 * ({@code deploy/config/shared.properties} plus {@code IM_*} environment overrides) in the run's own
 * namespace ({@link TestNamespace}: its own databases, Redis keys, topics, groups and ZooKeeper
 * paths, never a running stack's), and real clients of every component, created on first use and
 * closed with the stack. Obtained through {@link StackExtension}; one per test run. Not thread-safe
 * for creation; the clients are.
 */
// The high-level REST client is deprecated upstream in favour of the 8.x Java client, but it is the
// client this product standardises on for Elasticsearch 7.17 (ARCHITECTURE.md).
@SuppressWarnings("deprecation")
public final class Stack implements AutoCloseable {
    private final Path repoRoot;
    private final ImConfig config;
    private final Map<String, Object> clients = new HashMap<>();
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

    private Stack(Path repoRoot, ImConfig config) {
        this.repoRoot = repoRoot;
        this.config = config;
    }

    /**
     * Finds the stack, checks that every component answers on its port and applies the schema
     * migrations.
     *
     * @throws IllegalStateException naming the unreachable components and the command to start them
     */
    static Stack open() throws IOException, SQLException {
        Path root = findRepoRoot();
        ImConfig config = ImConfig.load(root.resolve("deploy/config/shared.properties"))
                .with(Namespace.KEY, TestNamespace.current().name());
        List<String> down = new ArrayList<>();
        for (Map.Entry<String, InetSocketAddress> e : endpoints(config).entrySet()) {
            if (!reachable(e.getValue())) {
                down.add(e.getKey() + " (" + e.getValue().getHostString() + ":" + e.getValue().getPort() + ")");
            }
        }
        if (!down.isEmpty()) {
            throw new IllegalStateException("The development stack is not running: " + String.join(", ", down)
                    + " not reachable. Start it with `deploy/imctl infra up` and run the tests again.");
        }
        Stack stack = new Stack(root, config);
        stack.migrate();
        return stack;
    }

    private void migrate() throws IOException, SQLException {
        SchemaMigrator migrator = new SchemaMigrator(repoRoot.resolve("sql"));
        for (DatabaseLayout layout : DatabaseLayout.all(config)) {
            migrator.migrate(layout);
        }
    }

    /**
     * A stack in a namespace of its own, {@code <this namespace>-<suffix>}, with its databases migrated:
     * for a test whose processes must not even share this run's topics (a new consumer group would
     * first replay what earlier tests of the run published). Start its processes with
     * {@code IM_NAMESPACE} = its {@link #namespace()}. Closed, and its namespace dropped from the
     * servers ({@link DropNamespaceCommand#drop}), when this stack closes.
     */
    public synchronized Stack isolated(String suffix) throws IOException, SQLException {
        Namespace ns = new Namespace(namespace().name() + "-" + suffix);
        Stack child = new Stack(repoRoot, config.with(Namespace.KEY, ns.name()));
        child.migrate();
        toClose.push(() -> {
            child.close();
            DropNamespaceCommand.drop(config, ns);
        });
        return child;
    }

    /** Every component's address, from the same keys the services read. */
    static Map<String, InetSocketAddress> endpoints(ImConfig c) {
        Map<String, InetSocketAddress> out = new LinkedHashMap<>();
        URI mariadb = URI.create(DatabaseLayout.from(c, "org").urls().get(0).substring("jdbc:".length()));
        out.put("mariadb", new InetSocketAddress(mariadb.getHost(), mariadb.getPort()));
        URI redis = URI.create(c.string("redis.address", "redis://127.0.0.1:6379"));
        out.put("redis", new InetSocketAddress(redis.getHost(), redis.getPort()));
        out.put("zookeeper", hostPort(c.string("zk.address", "127.0.0.1:2181")));
        out.put("rocketmq-namesrv", hostPort(c.string("rocketmq.namesrv", "127.0.0.1:9876")));
        out.put("rocketmq-broker", hostPort(c.string("rocketmq.broker", "127.0.0.1:10911")));
        out.put("seata", hostPort(c.string("seata.server", "127.0.0.1:8091")));
        URI es = URI.create(c.list("es.hosts").isEmpty() ? "http://127.0.0.1:9200" : c.list("es.hosts").get(0));
        out.put("elasticsearch", new InetSocketAddress(es.getHost(), es.getPort()));
        return out;
    }

    private static InetSocketAddress hostPort(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static boolean reachable(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The checkout this test runs in: the nearest folder upwards holding {@code deploy/imctl}. */
    public static Path findRepoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("deploy/imctl"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("not inside the project checkout: no deploy/imctl above "
                + Path.of("").toAbsolutePath());
    }

    public Path repoRoot() {
        return repoRoot;
    }

    public ImConfig config() {
        return config;
    }

    /** The namespace of this run (never a running stack's). */
    public Namespace namespace() {
        return Namespace.from(config);
    }

    /**
     * Settings for a Dubbo node of the test itself ({@code new DubboNode(stack.clientSettings(...))}) that
     * sees the providers of the processes this run started with {@code IM_DUBBO_REGISTRY_GROUP=registryGroup}.
     */
    public CommonSettings clientSettings(String registryGroup, int timeoutMillis) {
        return new CommonSettings("im-tests", "im-tests-0", "127.0.0.1", 1, 1, zkAddress(), namespace(),
                registryGroup, timeoutMillis);
    }

    public DatabaseLayout layout(String logicalDb) {
        return DatabaseLayout.from(config, logicalDb);
    }

    public RedissonClient redisson() {
        return client("redisson", () -> RedissonFactory.create(config), RedissonClient::shutdown);
    }

    public String zkAddress() {
        return config.string("zk.address", "127.0.0.1:2181");
    }

    /**
     * A new ZooKeeper session rooted where the services of this run's namespace keep their paths
     * ({@code /im/<namespace>}, so {@code /access/nodes} is theirs); the caller closes it.
     */
    public CuratorFramework newCurator() throws InterruptedException {
        return CuratorFactory.create(config, 10_000, 5_000);
    }

    public String namesrv() {
        return config.string("rocketmq.namesrv", "127.0.0.1:9876");
    }

    public RocketMqFactory rocketMq(String instanceName) {
        return new RocketMqFactory(namesrv(), namespace(), instanceName);
    }

    public String seataServer() {
        return config.string("seata.server", "127.0.0.1:8091");
    }

    public RestHighLevelClient elasticsearch() {
        return client("elasticsearch", () -> ElasticsearchFactory.create(
                config.list("es.hosts").isEmpty() ? List.of("http://127.0.0.1:9200") : config.list("es.hosts"),
                30_000), RestHighLevelClient::close);
    }

    /** A pool on physical database {@code db} of {@code logicalDb}, bypassing ShardingSphere. */
    public DataSource physical(String logicalDb, int db) {
        DatabaseLayout layout = layout(logicalDb);
        return client("physical-" + logicalDb + "-" + db, () -> DataSources.writerPool(
                "test-" + logicalDb + "-" + db, layout.urls().get(db), layout.user(), layout.password(), 4, true),
                d -> d.close());
    }

    /** The physical databases of {@code logicalDb} (over {@link #physical} pools), as the services' hot paths write them. */
    public PhysicalShards shards(String logicalDb) {
        DatabaseLayout layout = layout(logicalDb);
        List<DataSource> databases = new ArrayList<>();
        for (int db = 0; db < layout.databaseCount(); db++) {
            databases.add(physical(logicalDb, db));
        }
        return new PhysicalShards(layout, databases);
    }

    /** The ShardingSphere data source of {@code logicalDb}, as the services build it. */
    public DataSource sharded(String logicalDb) {
        return client("sharded-" + logicalDb, () -> {
            try {
                return ShardingDataSourceFactory.create(layout(logicalDb), 4);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot build the sharded data source of " + logicalDb, e);
            }
        }, d -> {
            if (d instanceof AutoCloseable c) {
                c.close();
            }
        });
    }

    @SuppressWarnings("unchecked")
    private synchronized <T> T client(String key, Supplier<T> create, Closer<T> closer) {
        Object existing = clients.get(key);
        if (existing != null) {
            return (T) existing;
        }
        T created = create.get();
        clients.put(key, created);
        toClose.push(() -> closer.close(created));
        return created;
    }

    @Override
    public synchronized void close() {
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception e) {
                System.err.println("Stack: failed to close a client: " + e);
            }
        }
        clients.clear();
    }

    @FunctionalInterface
    private interface Closer<T> {
        void close(T t) throws Exception;
    }
}
