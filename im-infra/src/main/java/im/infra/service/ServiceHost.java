package im.infra.service;

import im.api.ping.PingService;
import im.infra.config.CommonSettings;
import im.infra.config.DeploymentProfile;
import im.infra.config.ImConfig;
import im.infra.dubbo.DubboNode;
import im.infra.dubbo.ServiceTokens;
import im.infra.health.AdminServer;
import im.infra.health.Metrics;
import im.infra.process.Lifecycle;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plumbing every service process shares, built in the order a composition root needs it:
 * configuration, lifecycle, metrics, the admin port and the Dubbo node. A service's bootstrap
 * creates one, builds its own components with it, declares what it exports and whom it calls, and
 * then {@link #start()}s; SIGTERM closes everything in reverse order.
 *
 * <p>Every service exports {@link PingService} in the group of its own name; the services declared
 * with {@link #callsService} are pinged from within each ping, so one call proves the chain, and
 * {@code /ready} is 503 while the registry has told this node of no provider of one of them: its
 * first calls would fail with "no provider". {@code /health} does not wait for them (a gateway alone
 * still logs users in).
 */
public final class ServiceHost {
    private static final Logger log = LoggerFactory.getLogger(ServiceHost.class);

    private final ImConfig config;
    private final CommonSettings settings;
    private final Lifecycle lifecycle;
    private final PrometheusMeterRegistry metrics;
    private final AdminServer admin;
    private final DubboNode dubbo;
    private final Map<String, DubboNode.Reference<PingService>> downstream = new LinkedHashMap<>();

    private ServiceHost(ImConfig config) throws IOException {
        this.config = config;
        this.settings = CommonSettings.from(config);
        this.lifecycle = new Lifecycle(settings.instanceId());
        lifecycle.closeOnShutdown();
        this.metrics = Metrics.newRegistry(settings.serviceName(), settings.instanceId());
        this.admin = new AdminServer(settings.serviceName(), settings.instanceId(), settings.internalHost(),
                settings.adminPort(), metrics);
        this.dubbo = new DubboNode(settings, ServiceTokens.from(config));
    }

    /** What a service builds between the shared plumbing and {@link #start()}. */
    @FunctionalInterface
    public interface Composition {
        void compose(ServiceHost host) throws Exception;
    }

    /**
     * The whole life of a service process: reads the configuration named by {@code args[0]}, lets
     * {@code composition} build the service, starts it. A failure at start-up is logged with its
     * cause, everything built so far is closed and the process exits with status 1 instead of
     * lingering on non-daemon threads.
     */
    public static void run(String serviceName, String[] args, Composition composition) {
        ServiceHost host = null;
        try {
            host = create(serviceName, args);
            composition.compose(host);
            host.start();
        } catch (Exception | LinkageError e) {
            log.error("Failed to start {}: {}", serviceName, e.toString(), e);
            if (host != null) {
                host.lifecycle.close();
            }
            System.exit(1);
        }
    }

    /**
     * Reads the configuration named by {@code args[0]} and checks that it belongs to
     * {@code expectedService}.
     *
     * @throws im.infra.config.ConfigException when the file is missing, invalid or another service's
     */
    static ServiceHost create(String expectedService, String[] args) throws IOException {
        if (args.length != 1) {
            throw new im.infra.config.ConfigException("usage: java -jar " + expectedService
                    + ".jar CONFIG_FILE (e.g. deploy/config/" + expectedService + ".properties)");
        }
        ImConfig config = ImConfig.load(Path.of(args[0]));
        String name = config.string("service.name");
        if (!name.equals(expectedService)) {
            throw new im.infra.config.ConfigException("service.name is '" + name + "' but this is "
                    + expectedService + ": wrong config file " + args[0]);
        }
        DeploymentProfile.check(config);
        return new ServiceHost(config);
    }

    public ImConfig config() {
        return config;
    }

    public CommonSettings settings() {
        return settings;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public AdminServer admin() {
        return admin;
    }

    public DubboNode dubbo() {
        return dubbo;
    }

    /** Declares that this service calls {@code serviceName}; its ping is part of ours. */
    public ServiceHost callsService(String serviceName) {
        downstream.put(serviceName, dubbo.reference(PingService.class, serviceName));
        return this;
    }

    /**
     * Exports the ping endpoint, starts Dubbo and the admin port. They are registered last, so at
     * shutdown they stop first: no request arrives while the components behind them close.
     */
    void start() {
        dubbo.export(PingService.class, new PingEndpoint(settings, downstream), settings.serviceName());
        lifecycle.register("admin-http", admin);
        lifecycle.register("dubbo", dubbo);
        dubbo.start();
        admin.addCheck("dubbo", settings::dubboAddress);
        downstream.forEach((service, ping) -> admin.addReadinessCheck("calls " + service, () -> {
            if (!ping.available()) {
                throw new IllegalStateException("no provider of " + service + " known yet");
            }
            return "providers known";
        }));
        admin.start();
        log.info("{} started (pid {})", settings.instanceId(), ProcessHandle.current().pid());
    }
}
