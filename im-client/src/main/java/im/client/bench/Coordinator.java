package im.client.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario over worker processes: writes each its {@link WorkerSpec}, starts it
 * ({@code java -cp <this classpath> im.client.bench.ImBench worker SPEC}), waits until all are
 * connected, says GO to all at once, draws one progress line on stderr from their counters, and
 * merges their results. Workers' own logs go to {@code <workdir>/worker-N.log}.
 */
final class Coordinator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path workDir;
    private final String workerHeap;
    private final PrintStream progressOut;

    Coordinator(Path workDir, String workerHeap, PrintStream progressOut) {
        this.workDir = workDir;
        this.workerHeap = workerHeap;
        this.progressOut = progressOut;
    }

    /** What happens once every worker is connected, right after GO (e.g. killing an access node). */
    interface AfterGo {
        void run() throws Exception;
    }

    /**
     * @param deadlineSeconds the whole run's bound; workers still running after it are killed
     * @return the merged results
     */
    Map<String, Object> run(String scenario, List<WorkerSpec> specs, long deadlineSeconds, AfterGo afterGo)
            throws Exception {
        Files.createDirectories(workDir);
        List<WorkerProcess> workers = new ArrayList<>();
        try {
            for (WorkerSpec spec : specs) {
                workers.add(start(spec));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineSeconds);
            awaitAll(workers, "READY", deadline, scenario + ": connecting");
            for (WorkerProcess w : workers) {
                w.stdin.write("GO\n".getBytes(StandardCharsets.UTF_8));
                w.stdin.flush();
            }
            // for samplers outside (im-bench-curve reads CPU from /proc): the measured phase starts now
            Files.writeString(workDir.resolve("go"), Long.toString(System.currentTimeMillis()));
            afterGo.run();
            awaitAll(workers, "RESULT", deadline, scenario);
            List<Map<String, Object>> results = new ArrayList<>();
            for (WorkerProcess w : workers) {
                results.add(JSON.readValue(w.lines.get("RESULT"), new TypeReference<Map<String, Object>>() { }));
            }
            return merge(results);
        } finally {
            for (WorkerProcess w : workers) {
                if (!w.process.waitFor(10, TimeUnit.SECONDS)) {
                    w.process.destroyForcibly();
                }
            }
        }
    }

    private WorkerProcess start(WorkerSpec spec) throws IOException {
        Path specFile = workDir.resolve("worker-" + spec.index() + ".json");
        JSON.writeValue(specFile.toFile(), spec);
        Path log = workDir.resolve("worker-" + spec.index() + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + workerHeap, "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                ImBench.class.getName(), "worker", specFile.toString());
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        WorkerProcess w = new WorkerProcess(spec.index(), p, log);
        Thread reader = new Thread(() -> w.read(), "bench-worker-" + spec.index() + "-out");
        reader.setDaemon(true);
        reader.start();
        return w;
    }

    /** Waits until every worker has sent a {@code key} line, drawing the progress line meanwhile. */
    private void awaitAll(List<WorkerProcess> workers, String key, long deadline, String label) throws Exception {
        long started = System.nanoTime();
        while (true) {
            boolean all = true;
            for (WorkerProcess w : workers) {
                if (w.lines.containsKey("ERROR")) {
                    throw new IllegalStateException("worker " + w.index + ": " + w.lines.get("ERROR") + " (log: " + w.log + ")");
                }
                if (!w.lines.containsKey(key)) {
                    all = false;
                    if (!w.process.isAlive() && !w.lines.containsKey(key)) {
                        Thread.sleep(200); // its last line may still be on the way
                        if (!w.lines.containsKey(key)) {
                            throw new IllegalStateException("worker " + w.index + " exited with " + w.process.exitValue()
                                    + " before " + key + "; log: " + w.log);
                        }
                    }
                }
            }
            if (all) {
                progressOut.println();
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(label + ": not done within the run's bound; worker logs in " + workDir);
            }
            drawProgress(workers, key, label, started);
            Thread.sleep(500);
        }
    }

    private void drawProgress(List<WorkerProcess> workers, String key, String label, long started) throws IOException {
        Map<String, Long> sum = new LinkedHashMap<>();
        long connected = 0;
        for (WorkerProcess w : workers) {
            String c = w.lines.get("CONNECTED");
            connected += c == null ? 0 : Long.parseLong(c.trim());
            String p = w.lines.get("PROGRESS");
            if (p != null) {
                Map<String, Long> m = JSON.readValue(p, new TypeReference<Map<String, Long>>() { });
                m.forEach((k, v) -> sum.merge(k, v, Long::sum));
            }
        }
        StringBuilder line = new StringBuilder("\r[").append(label).append("] ")
                .append((System.nanoTime() - started) / 1_000_000_000L).append(" s");
        if ("READY".equals(key)) {
            line.append("  logged in ").append(connected);
        }
        sum.forEach((k, v) -> line.append("  ").append(k).append(' ').append(v));
        progressOut.print(line.append("    "));
        progressOut.flush();
    }

    /**
     * Counters add up; {@code first*} take the minimum and {@code last*} the maximum; {@code hist*}
     * histograms add; lists add element-wise, except {@code max*} lists, which take the maximum.
     */
    static Map<String, Object> merge(List<Map<String, Object>> results) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Map<String, Object> r : results) {
            for (Map.Entry<String, Object> e : r.entrySet()) {
                String k = e.getKey();
                Object v = e.getValue();
                Object prev = merged.get(k);
                if (prev == null) {
                    merged.put(k, k.startsWith("hist") ? Latencies.decode((String) v) : v);
                } else if (k.startsWith("hist")) {
                    ((Latencies) prev).add(Latencies.decode((String) v));
                } else if (v instanceof List<?> list) {
                    List<Long> a = longs((List<?>) prev);
                    List<Long> b = longs(list);
                    List<Long> out = new ArrayList<>();
                    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                        long x = i < a.size() ? a.get(i) : 0;
                        long y = i < b.size() ? b.get(i) : 0;
                        out.add(k.startsWith("max") ? Math.max(x, y) : x + y);
                    }
                    merged.put(k, out);
                } else {
                    long x = ((Number) prev).longValue();
                    long y = ((Number) v).longValue();
                    merged.put(k, k.startsWith("first") ? Math.min(x, y) : k.startsWith("last") ? Math.max(x, y) : x + y);
                }
            }
        }
        return merged;
    }

    private static List<Long> longs(List<?> list) {
        return list.stream().map(o -> ((Number) o).longValue()).toList();
    }

    /** A running worker and the last line of each kind it sent. */
    private static final class WorkerProcess {
        final int index;
        final Process process;
        final Path log;
        final OutputStream stdin;
        final Map<String, String> lines = new ConcurrentHashMap<>();

        WorkerProcess(int index, Process process, Path log) {
            this.index = index;
            this.process = process;
            this.log = log;
            this.stdin = process.getOutputStream();
        }

        void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    int space = line.indexOf(' ');
                    lines.put(space < 0 ? line : line.substring(0, space), space < 0 ? "" : line.substring(space + 1));
                }
            } catch (IOException e) {
                lines.putIfAbsent("ERROR", "lost its output: " + e);
            }
        }
    }
}
