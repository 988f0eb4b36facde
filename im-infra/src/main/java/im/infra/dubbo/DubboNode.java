package im.infra.dubbo;

import im.infra.config.CommonSettings;
import java.util.ArrayList;
import java.util.List;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ConsumerConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's place in the Dubbo mesh: one {@link DubboBootstrap} instance (not the static
 * singleton) with the ZooKeeper registry, the services it exports and the references it consumes.
 * Declare everything, then {@link #start()}; references are usable after it.
 *
 * <p>Services register by interface in ZooKeeper and bind to {@code bind.host}; the QoS port is off
 * because several processes share one machine in development.
 */
public final class DubboNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DubboNode.class);

    private final DubboBootstrap bootstrap;
    private final CommonSettings settings;
    private final List<ReferenceConfig<?>> directReferences = new ArrayList<>();
    private volatile boolean started;

    public DubboNode(CommonSettings settings) {
        this.settings = settings;
        ApplicationConfig application = new ApplicationConfig(settings.serviceName());
        application.setQosEnable(false);
        application.setRegisterMode("interface");
        // Hessian2 (Dubbo's default) with Dubbo's serialization allow-list: DTO packages referenced by
        // our interfaces are trusted automatically, anything else is refused.
        application.setSerializeCheckStatus("STRICT");
        application.setMetadataType("local");

        RegistryConfig registry = new RegistryConfig("zookeeper://" + settings.zkAddress());
        registry.setTimeout(10_000);
        registry.setGroup(settings.registryGroup());

        ProtocolConfig protocol = new ProtocolConfig("dubbo", settings.dubboPort());
        protocol.setHost(settings.bindHost());

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

    /** Exports {@code impl} as {@code type} in {@code group} (by convention the service name). */
    public <T> DubboNode export(Class<T> type, T impl, String group) {
        ServiceConfig<T> service = new ServiceConfig<>();
        service.setInterface(type);
        service.setRef(impl);
        service.setGroup(group);
        bootstrap.service(service);
        return this;
    }

    /**
     * Declares a reference to {@code type} in {@code group}; call {@link Reference#get()} after
     * {@link #start()}. The reference does not require a provider at start-up.
     */
    public <T> Reference<T> reference(Class<T> type, String group) {
        ReferenceConfig<T> reference = new ReferenceConfig<>();
        reference.setInterface(type);
        reference.setGroup(group);
        reference.setCheck(false);
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
        reference.setCheck(false);
        reference.setTimeout(settings.dubboTimeoutMillis());
        reference.setRetries(0);
        T proxy = reference.get();
        directReferences.add(reference);
        return proxy;
    }

    public DubboNode start() {
        bootstrap.start();
        started = true;
        log.info("{} Dubbo started on {}:{} (registry zookeeper://{})", settings.serviceName(), settings.bindHost(),
                settings.dubboPort(), settings.zkAddress());
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
    }
}
