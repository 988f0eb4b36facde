package im.infra.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import im.infra.json.JsonText;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's port of a service: {@code GET /health} (200 when every registered check passes,
 * else 503, JSON either way), {@code GET /ready} (the same with the readiness checks added: the
 * service can serve its callers, e.g. it knows a provider of every service it calls) and
 * {@code GET /metrics} (Prometheus text). Not for clients: it binds where the service's other
 * listeners bind and serves three fixed paths on two bounded threads.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, HealthCheck> checks = new LinkedHashMap<>();
    private final Map<String, HealthCheck> readiness = new LinkedHashMap<>();
    private final String serviceName;
    private final String instanceId;

    public AdminServer(String serviceName, String instanceId, String host, int port, PrometheusMeterRegistry registry)
            throws IOException {
        this.serviceName = serviceName;
        this.instanceId = instanceId;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 16);
        // Two threads: health checks may wait on a dependency; a scrape must not queue behind them forever.
        this.executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(64),
                r -> {
                    Thread t = new Thread(r, serviceName + "-admin-http");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.DiscardPolicy());
        server.setExecutor(executor);
        server.createContext("/health", exchange -> report(exchange, false));
        server.createContext("/ready", exchange -> report(exchange, true));
        server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4",
                registry.scrape()));
    }

    /** Adds a check shown under {@code name}; register before {@link #start()}. */
    public synchronized AdminServer addCheck(String name, HealthCheck check) {
        checks.put(name, check);
        return this;
    }

    /**
     * Adds a check that {@code /ready} shows and {@code /health} does not: something a running
     * service waits for (a provider of a service it calls) rather than a fault of its own.
     */
    public synchronized AdminServer addReadinessCheck(String name, HealthCheck check) {
        readiness.put(name, check);
        return this;
    }

    public AdminServer start() {
        server.start();
        log.info("{} admin HTTP on {} (/health, /metrics)", serviceName, server.getAddress());
        return this;
    }

    private void report(HttpExchange exchange, boolean withReadiness) throws IOException {
        Map<String, HealthCheck> snapshot;
        synchronized (this) {
            snapshot = new LinkedHashMap<>(checks);
            if (withReadiness) {
                snapshot.putAll(readiness);
            }
        }
        boolean up = true;
        StringBuilder json = new StringBuilder();
        json.append("{\"service\":\"").append(serviceName).append("\",\"instance\":\"").append(instanceId)
                .append("\",\"pid\":").append(ProcessHandle.current().pid()).append(",\"checks\":{");
        boolean first = true;
        for (Map.Entry<String, HealthCheck> e : snapshot.entrySet()) {
            String detail;
            try {
                detail = "ok " + e.getValue().check();
            } catch (Exception ex) {
                up = false;
                detail = "DOWN " + ex;
            }
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append(JsonText.quote(e.getKey())).append(':').append(JsonText.quote(detail.trim()));
        }
        json.append("},\"status\":\"").append(up ? "UP" : "DOWN").append("\"}");
        respond(exchange, up ? 200 : 503, "application/json", json.toString());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
