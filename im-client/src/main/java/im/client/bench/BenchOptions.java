package im.client.bench;

import im.client.Endpoint;
import im.client.HttpApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every load scenario shares: the server, the worker processes, where figures go. */
final class BenchOptions {
    /** This machine's per-process open-files limit is 20,000; keep room for the JVM's own files. */
    static final int MAX_CLIENTS_PER_WORKER = 19_000;

    @Option(names = "--server", defaultValue = "http://127.0.0.1:8080",
            description = "HTTP API of an im-access node (default ${DEFAULT-VALUE})")
    String server;

    @Option(names = "--platform-account", defaultValue = "platform-admin",
            description = "platform admin that creates the run's tenant (default ${DEFAULT-VALUE})")
    String platformAccount;

    @Option(names = "--platform-password", defaultValue = "${env:IM_PLATFORM_ADMIN_PASSWORD:-platform-admin-pass}",
            description = "its password (env IM_PLATFORM_ADMIN_PASSWORD; default: the development value)")
    String platformPassword;

    @Option(names = "--transport", defaultValue = "TCP", description = "TCP or WEBSOCKET (default ${DEFAULT-VALUE})")
    String transport;

    @Option(names = "--workers", defaultValue = "1",
            description = "worker processes (each at most " + MAX_CLIENTS_PER_WORKER + " clients; default 1)")
    int workers;

    @Option(names = "--source-ips", split = ",", description = "source address per worker, round-robin "
            + "(default 127.0.0.2, 127.0.0.3, ...: each has its own ~28k ephemeral ports)")
    List<String> sourceIps;

    @Option(names = "--endpoints", split = ",", description = "TCP endpoints host:port to use instead of the "
            + "login's list (e.g. to aim at one access node)")
    List<String> endpoints;

    @Option(names = "--worker-heap", defaultValue = "512m", description = "-Xmx of each worker (default ${DEFAULT-VALUE})")
    String workerHeap;

    @Option(names = "--max-seconds", defaultValue = "300",
            description = "hard bound of the measured phase; the run stops by itself (default ${DEFAULT-VALUE})")
    long maxSeconds;

    @Option(names = "--json-out", description = "also write the JSON result to this file")
    Path jsonOut;

    @Option(names = "--docs", description = "markdown file to append the row to (default: the nearest "
            + "docs/benchmarks.md above the working directory)")
    Path docs;

    @Option(names = "--no-docs", description = "do not append a row to docs/benchmarks.md")
    boolean noDocs;

    @Option(names = "--work-dir", description = "worker specs and logs (default: a new temporary directory)")
    Path workDir;

    void validate(int clients) {
        HttpApi.baseUrl(server);
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("--workers must be 1..64: " + workers);
        }
        if ((clients + workers - 1) / workers > MAX_CLIENTS_PER_WORKER) {
            throw new IllegalArgumentException(clients + " clients over " + workers + " worker(s) is more than "
                    + MAX_CLIENTS_PER_WORKER + " per process (the open-files limit): use --workers "
                    + ((clients + MAX_CLIENTS_PER_WORKER - 1) / MAX_CLIENTS_PER_WORKER) + " or more");
        }
        if (maxSeconds < 1 || maxSeconds > 86_400) {
            throw new IllegalArgumentException("--max-seconds must be 1..86400: " + maxSeconds);
        }
        if (!"TCP".equals(transport) && !"WEBSOCKET".equals(transport)) {
            throw new IllegalArgumentException("--transport must be TCP or WEBSOCKET: " + transport);
        }
    }

    String baseUrl() {
        return HttpApi.baseUrl(server);
    }

    String sourceIp(int worker) {
        return sourceIps == null || sourceIps.isEmpty() ? "127.0.0." + (2 + worker % 250)
                : sourceIps.get(worker % sourceIps.size());
    }

    List<Endpoint> endpoints(List<Endpoint> fromLogin) {
        if (endpoints == null || endpoints.isEmpty()) {
            if (fromLogin.isEmpty()) {
                throw new IllegalStateException("the login lists no access node; pass --endpoints host:port");
            }
            return fromLogin;
        }
        List<Endpoint> out = new ArrayList<>();
        for (String e : endpoints) {
            out.add(new Endpoint(e.trim(), "ws://" + e.trim() + "/ws"));
        }
        return out;
    }

    Path workDir() throws IOException {
        return workDir != null ? workDir : Files.createTempDirectory("im-bench-");
    }

    /** Splits {@code users} into per-worker specs; {@code unit} keeps groups of users (pairs) together. */
    List<WorkerSpec> specs(String scenario, List<WorkerSpec.BenchUser> users, int unit, List<Endpoint> eps,
                           boolean spread, Map<String, Long> params) {
        int units = users.size() / unit;
        List<WorkerSpec> specs = new ArrayList<>();
        int from = 0;
        for (int w = 0; w < workers; w++) {
            int share = units / workers + (w < units % workers ? 1 : 0);
            int to = from + share * unit;
            specs.add(new WorkerSpec(scenario, w, from, eps, transport, sourceIp(w), spread,
                    List.copyOf(users.subList(from, to)), params));
            from = to;
        }
        return specs;
    }

    /** The command line for the docs row, passwords masked. */
    static String command(String[] args) {
        StringBuilder b = new StringBuilder("im-client/bin/im-bench");
        boolean mask = false;
        for (String a : args) {
            b.append(' ').append(mask ? "***" : a);
            mask = a.equals("--platform-password");
            if (a.startsWith("--platform-password=")) {
                b.setLength(b.length() - a.length());
                b.append("--platform-password=***");
            }
        }
        return b.toString();
    }
}
