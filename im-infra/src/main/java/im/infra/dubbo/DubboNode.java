package im.infra.dubbo;

import im.infra.config.CommonSettings;
import im.infra.dubbo.support.BindAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ConsumerConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.apache.dubbo.rpc.Invoker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's place in the Dubbo mesh: one {@link DubboBootstrap} instance (not the static
 * singleton) with the ZooKeeper registry, the services it exports and the references it consumes.
 * Declare everything, then {@link #start()}; references are usable after it.
 *
 * <p>Services register by interface in ZooKeeper under {@link CommonSettings#registryRoot()}. The Dubbo
 * port listens on {@code bind.internal.host} and is registered as {@code dubbo.advertise.host}, both
 * exactly as configured (Dubbo alone would bind {@code 0.0.0.0} for a loopback address; see
 * {@link BindAddress}). With {@link ServiceTokens} every export requires its provider token; the QoS
 * port is off because several processes share one machine in development.
 */
public final class DubboNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DubboNode.class);

    private final DubboBootstrap bootstrap;
    private final CommonSettings settings;
    private final List<ReferenceConfig<?>> directReferences = new ArrayList<>();
    private final ProtocolConfig protocol;
    private final ServiceTokens tokens;
    private volatile boolean started;

    /**
     * A node whose exports need no token: for test and tool clients that only call through the registry
     * (which hands them each provider's token). Services use {@link #DubboNode(CommonSettings, ServiceTokens)}.
     */
    public DubboNode(CommonSettings settings) {
        this(settings, null);
    }

    /** A node whose every export requires its token from {@code tokens}, as do its direct references. */
    public DubboNode(CommonSettings settings, ServiceTokens tokens) {
        this.settings = settings;
        this.tokens = tokens;
        ApplicationConfig application = new ApplicationConfig(settings.serviceName());
        application.setQosEnable(false);
        application.setRegisterMode("interface");
        // Hessian2 (Dubbo's default) with Dubbo's serialization allow-list: DTO packages referenced by
        // our interfaces are trusted automatically, anything else is refused.
        application.setSerializeCheckStatus("STRICT");
        application.setMetadataType("local");

        RegistryConfig registry = new RegistryConfig("zookeeper://" + settings.zkAddress());
        registry.setTimeout(10_000);
        // The registry's ZooKeeper root (Dubbo's "group" of a ZooKeeper registry): one per namespace and
        // registry group, so stacks sharing a ZooKeeper never see each other's providers.
        registry.setGroup(settings.registryRoot());

        this.protocol = new ProtocolConfig("dubbo", settings.dubboPort());
        protocol.setHost(settings.dubboAdvertiseHost());
        protocol.setServer(BindAddress.TRANSPORTER);
        protocol.setParameters(Map.of(
                BindAddress.BIND_HOST_KEY, settings.internalHost(),
                BindAddress.ADVERTISE_HOST_KEY, settings.dubboAdvertiseHost()));

        ConsumerConfig consumer = new ConsumerConfig();
        consumer.setTimeout(settings.dubboTimeoutMillis());
        consumer.setCheck(false);
        // A failed call is reported to the caller, which decides; retries would duplicate writes.
        consumer.setRetries(0);

        this.bootstrap = DubboBootstrap.newInstance()
                .application(application)
                .registry(registry)
                .protocol(protocol)
                .consumer(consumer);
    }

    /**
     * Serves requests on Dubbo's I/O threads instead of its server pool (the {@code direct}
     * dispatcher): one thread hop less per call, and the requests of one connection are handled in
     * the order they arrived. Only for a process whose every exported method returns at once (hands
     * blocking work to its own bounded pools); call before {@link #start()}.
     */
    public DubboNode directDispatch() {
        protocol.setDispatcher("direct");
        return this;
    }

    /** Exports {@code impl} as {@code type} in {@code group} (by convention the service name). */
    public <T> DubboNode export(Class<T> type, T impl, String group) {
        ServiceConfig<T> service = new ServiceConfig<>();
        service.setInterface(type);
        service.setRef(impl);
        service.setGroup(group);
        if (tokens != null) {
            service.setToken(tokens.tokenFor(type, group));
        }
        bootstrap.service(service);
        return this;
    }

    /**
     * Declares a reference to {@code type} in {@code group}; call {@link Reference#get()} after
     * {@link #start()}. The reference does not require a provider at start-up.
     */
    public <T> Reference<T> reference(Class<T> type, String group) {
        return reference(type, group, null);
    }

    /**
     * {@link #reference(Class, String)} with a load-balancing policy: {@code "consistenthash"} sends the
     * calls with the same first argument to the same provider while the providers stay the same.
     */
    public <T> Reference<T> reference(Class<T> type, String group, String loadBalance) {
        ReferenceConfig<T> reference = new ReferenceConfig<>();
        if (loadBalance != null) {
            reference.setLoadbalance(loadBalance);
        }
        reference.setInterface(type);
        reference.setGroup(group);
        reference.setCheck(false);
        literalAddresses(reference);
        bootstrap.reference(reference);
        return new Reference<>(reference);
    }

    /**
     * A proxy bound to one provider at {@code address} ({@code host:port}), bypassing the registry's
     * load balancing: for a call that must reach one specific node (e.g. the access node holding a
     * connection). Usable after {@link #start()}; create once per address and reuse it, since every
     * reference holds a client connection until {@link #close()}.
     */
    public synchronized <T> T directReference(Class<T> type, String group, String address) {
        if (!started) {
            throw new IllegalStateException("directReference before start()");
        }
        ReferenceConfig<T> reference = new ReferenceConfig<>(bootstrap.getApplicationModel().getDefaultModule());
        reference.setInterface(type);
        reference.setGroup(group);
        reference.setUrl("dubbo://" + address);
        literalAddresses(reference);
        if (tokens != null) {
            // No registry URL to take the provider's token from: attach it ourselves.
            reference.setParameters(Map.of("token", tokens.tokenFor(type, group)));
        }
        reference.setCheck(false);
        reference.setTimeout(settings.dubboTimeoutMillis());
        reference.setRetries(0);
        T proxy = reference.get();
        directReferences.add(reference);
        return proxy;
    }

    /**
     * Calls go over the network to the address the provider registered, as written: Dubbo's own client
     * would turn a loopback address into this machine's first non-loopback one (where nothing listens),
     * and a provider in the same JVM (tests) would be called in memory, past its token check.
     */
    private static void literalAddresses(ReferenceConfig<?> reference) {
        reference.setClient(BindAddress.TRANSPORTER);
        reference.setScope("remote");
    }

    public DubboNode start() {
        bootstrap.start();
        started = true;
        log.info("{} Dubbo started on {}:{} as {} (tokens {}, registry zookeeper://{}/{})", settings.serviceName(),
                settings.internalHost(), settings.dubboPort(), settings.dubboAddress(),
                tokens == null ? "off" : "required", settings.zkAddress(), settings.registryRoot());
        return this;
    }

    /**
     * True once {@link #start()} returned: from then on references may be used. Work that a process
     * starts before (a message consumer) checks it, because an early {@code Reference.get()} would
     * start Dubbo's module before the process declared all its exports.
     */
    public boolean isStarted() {
        return started;
    }

    @Override
    public void close() {
        if (started) {
            synchronized (this) {
                directReferences.forEach(ReferenceConfig::destroy);
            }
            bootstrap.stop();
        }
    }

    /** A typed handle on a declared reference. */
    public static final class Reference<T> {
        private final ReferenceConfig<T> config;

        private Reference(ReferenceConfig<T> config) {
            this.config = config;
        }

        /** The proxy; valid after the node started. */
        public T get() {
            return config.get();
        }

        /**
         * True once the registry has told this node of at least one provider it can call; until then
         * (just after start-up, or with every provider gone) a call fails with "no provider".
         */
        @SuppressWarnings("deprecation") // getInvoker has no replacement in 3.3 that shows the directory's providers
        public boolean available() {
            Invoker<?> invoker = config.getInvoker();
            return invoker != null && invoker.isAvailable();
        }
    }
}
