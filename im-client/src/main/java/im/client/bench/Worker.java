package im.client.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One worker process of {@code im-bench} ({@code im-bench worker SPEC_FILE}, started by the
 * {@link Coordinator}). Talks to it in lines on stdout: {@code CONNECTED n} while logging in,
 * {@code READY}, then after {@code GO} on stdin {@code PROGRESS {json}} every second and finally
 * {@code RESULT {json}}, or {@code ERROR message}. Everything else (logs) goes to stderr.
 */
final class Worker {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Worker() {
    }

    static int run(Path specFile) throws Exception {
        PrintStream out = System.out;
        WorkerSpec spec = JSON.readValue(specFile.toFile(), WorkerSpec.class);
        Driver driver = switch (spec.scenario()) {
            case "single" -> new SingleChatDriver(spec);
            case "fanout" -> new FanOutDriver(spec);
            case "reconnect" -> new ReconnectDriver(spec);
            default -> throw new IllegalArgumentException("unknown scenario " + spec.scenario());
        };
        Duration base = Duration.ofMillis(spec.params().getOrDefault("reconnectBaseMs", 500L));
        Duration max = Duration.ofMillis(spec.params().getOrDefault("reconnectMaxMs", 30_000L));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        try (Fleet fleet = new Fleet(spec, driver, base, max)) {
            AtomicInteger connected = new AtomicInteger();
            var connecting = ticker.scheduleAtFixedRate(() -> line(out, "CONNECTED " + connected.get()), 1, 1,
                    TimeUnit.SECONDS);
            try {
                fleet.connectAll(connected, Duration.ofSeconds(spec.params().getOrDefault("connectSeconds", 300L)));
            } catch (IllegalStateException e) {
                line(out, "ERROR " + e.getMessage());
                return 1;
            } finally {
                connecting.cancel(false);
            }
            line(out, "CONNECTED " + connected.get());
            line(out, "READY");
            String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (!"GO".equals(go)) {
                line(out, "ERROR expected GO, got " + go);
                return 1;
            }
            ticker.scheduleAtFixedRate(() -> {
                try {
                    line(out, "PROGRESS " + JSON.writeValueAsString(driver.progress()));
                } catch (Exception e) {
                    System.err.println("progress: " + e);
                }
            }, 1, 1, TimeUnit.SECONDS);
            driver.run(fleet);
            ticker.shutdownNow();
            line(out, "RESULT " + JSON.writeValueAsString(driver.result()));
            return 0;
        } finally {
            ticker.shutdownNow();
        }
    }

    private static void line(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
