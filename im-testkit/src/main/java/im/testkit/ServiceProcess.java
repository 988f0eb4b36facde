package im.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service started from its built jar as a separate JVM, as {@code deploy/imctl up} starts it:
 * {@code java -Xmx256m -jar <module>/target/<module>.jar deploy/config/<module>.properties}, with
 * per-instance ports passed as {@code IM_*} environment overrides, in the run's namespace
 * ({@code IM_NAMESPACE} from {@link TestNamespace}, unless {@code extraEnv} names another). Output goes to
 * {@code <module>/target/it-logs/<instance>.log}. {@link #close()} stops it with SIGTERM, then kills.
 */
public final class ServiceProcess implements AutoCloseable {
    /**
     * How long a test lets a service take to become healthy: an idle machine needs 10-20 s, but the
     * shared 2-core development machine under a full suite and other work took over 2 minutes
     * (im-receipt-service, load average 20, 2026-12-02). A bound against hangs, not a measurement.
     */
    public static final Duration STARTUP_WAIT = Duration.ofMinutes(5);

    private final String instanceId;
    private final Process process;
    private final int adminPort;
    private final Path log;

    private ServiceProcess(String instanceId, Process process, int adminPort, Path log) {
        this.instanceId = instanceId;
        this.process = process;
        this.adminPort = adminPort;
        this.log = log;
    }

    /**
     * Starts {@code module} with fresh free ports for Dubbo and the admin port.
     *
     * @param extraEnv further {@code IM_*} overrides
     */
    public static ServiceProcess start(Path repoRoot, String module, String instanceId, Map<String, String> extraEnv)
            throws IOException {
        Path jar = repoRoot.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + jar + ": build it first (mvn package)");
        }
        Path logDir = Files.createDirectories(repoRoot.resolve(module).resolve("target/it-logs"));
        Path log = logDir.resolve(instanceId + ".log");
        int dubboPort = FreePorts.take();
        int adminPort = FreePorts.take();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC",
                "-jar", jar.toString(),
                repoRoot.resolve("deploy/config").resolve(module + ".properties").toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(repoRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("IM_INSTANCE_ID", instanceId);
        pb.environment().put("IM_DUBBO_PORT", Integer.toString(dubboPort));
        pb.environment().put("IM_ADMIN_PORT", Integer.toString(adminPort));
        pb.environment().put("IM_NAMESPACE", TestNamespace.current().name());
        pb.environment().putAll(extraEnv);
        return new ServiceProcess(instanceId, pb.start(), adminPort, log);
    }

    /** Waits until {@code GET /health} answers 200; otherwise stops the process and fails with its log's tail. */
    public ServiceProcess awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        return await("/health", "healthy", timeout);
    }

    /**
     * Waits until {@code GET /ready} answers 200: healthy, and knowing a provider of every service it
     * calls (start those first); otherwise stops the process and fails with its log's tail.
     */
    public ServiceProcess awaitReady(Duration timeout) throws IOException, InterruptedException {
        return await("/ready", "ready", timeout);
    }

    private ServiceProcess await(String path, String what, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(instanceId + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return this;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        String tail = tail();
        close(); // never left running behind a failed test: nothing else holds a process started inline
        throw new IllegalStateException(instanceId + " not " + what + " within " + timeout + " (last: " + last
                + "):\n" + tail);
    }

    /** Waits for the process to exit by itself; returns its exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(instanceId + " still running after " + timeout + ":\n" + tail());
        }
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public int adminPort() {
        return adminPort;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The last 40 lines of the process's output. */
    public String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** SIGTERM, then SIGKILL after 15 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

}
