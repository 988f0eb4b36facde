package im.extlogic.push;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real local HTTP endpoint standing in for a vendor push gateway: it answers 503 while
 * {@link #failNext} is positive (counting down), and records every request with its answer.
 */
final class WebhookSink implements AutoCloseable {
    /** One request: its idempotency key, its body and what it was answered. */
    record Hit(String key, String body, int status) {
    }

    final AtomicInteger failNext = new AtomicInteger();
    final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    WebhookSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/push", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int status = failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 ? 503 : 200;
            hits.add(new Hit(exchange.getRequestHeaders().getFirst("Idempotency-Key"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/push");
    }

    /** Requests for notifications of {@code userId} (ids are {@code userId-oldestMsgId}). */
    List<Hit> of(long userId) {
        return hits.stream().filter(h -> h.key() != null && h.key().startsWith(userId + "-")).toList();
    }

    long accepted(long userId) {
        return of(userId).stream().filter(h -> h.status() == 200).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
