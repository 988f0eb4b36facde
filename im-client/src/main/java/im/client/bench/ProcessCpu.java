package im.client.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time per process of this machine between two moments, read from {@code /proc} (Linux; elsewhere
 * the samples are empty), so that a run on a box shared with the stack can say where the time went:
 * services by their instance ({@code -Dim.instance=im-redpacket-0}), the infrastructure by program.
 */
final class ProcessCpu {
    /** USER_HZ, the unit of /proc's CPU times: 100 on every Linux architecture a JVM runs on. */
    private static final double TICKS_PER_SECOND = 100;
    /** Processes named in a summary; the rest are summed as "other". */
    private static final int NAMED = 10;

    /** One reading: ticks per pid (with its name) and the machine's busy and total ticks. */
    record Sample(long nanos, Map<Long, Long> ticksByPid, Map<Long, String> names, long busy, long total) {
    }

    private ProcessCpu() {
    }

    static Sample sample() {
        Map<Long, Long> ticks = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String dir = p.getFileName().toString();
                if (!dir.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"), StandardCharsets.UTF_8);
                    int close = stat.lastIndexOf(')');
                    String[] f = stat.substring(close + 2).split(" ");
                    long pid = Long.parseLong(dir);
                    // after "pid (comm) ": state is field 3, utime field 14, stime field 15
                    ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    names.put(pid, pid == self ? "im-bench" : name(p, stat.substring(stat.indexOf('(') + 1, close)));
                } catch (IOException | RuntimeException e) {
                    // the process ended while we read it
                }
            }
        } catch (IOException e) {
            // no /proc: not Linux
        }
        long[] machine = machine();
        return new Sample(System.nanoTime(), ticks, names, machine[0], machine[1]);
    }

    /**
     * Wall seconds, the machine's busy share and CPU seconds per process name from {@code a} to
     * {@code b}, largest first.
     */
    static Map<String, Object> between(Sample a, Sample b) {
        Map<String, Double> byName = new HashMap<>();
        b.ticksByPid().forEach((pid, t) -> {
            long delta = t - a.ticksByPid().getOrDefault(pid, 0L);
            if (delta > 0) {
                byName.merge(b.names().get(pid), delta / TICKS_PER_SECOND, Double::sum);
            }
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("wallSeconds", round((b.nanos() - a.nanos()) / 1e9));
        out.put("machineBusyPercent", b.total() > a.total()
                ? round(100.0 * (b.busy() - a.busy()) / (b.total() - a.total())) : 0.0);
        Map<String, Double> top = new LinkedHashMap<>();
        List<Map.Entry<String, Double>> sorted = byName.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
        double other = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i < NAMED) {
                top.put(sorted.get(i).getKey(), round(sorted.get(i).getValue()));
            } else {
                other += sorted.get(i).getValue();
            }
        }
        if (other > 0) {
            top.put("other", round(other));
        }
        out.put("cpuSecondsByProcess", top);
        return out;
    }

    /** "im-redpacket-0 12.3 s, mariadbd 8.1 s, ..." for the markdown row: the first {@code n}. */
    @SuppressWarnings("unchecked")
    static String brief(Map<String, Object> between, int n) {
        StringBuilder b = new StringBuilder("machine " + between.get("machineBusyPercent") + "% busy; ");
        ((Map<String, Double>) between.get("cpuSecondsByProcess")).entrySet().stream().limit(n)
                .forEach(e -> b.append(e.getKey()).append(' ').append(e.getValue()).append(" s, "));
        return b.substring(0, b.length() - 2);
    }

    /**
     * Waits until the machine has been at least {@code idleShare} idle over two consecutive seconds
     * (the previous phase's asynchronous work, e.g. a group message's fan-out, has drained), at most
     * {@code maxSeconds}; the seconds waited.
     */
    static double awaitQuiet(double idleShare, long maxSeconds) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + maxSeconds * 1_000_000_000L;
        int quietSeconds = 0;
        long[] before = machine();
        while (System.nanoTime() < deadline && quietSeconds < 2) {
            Thread.sleep(1000);
            long[] now = machine();
            if (now[1] <= before[1]) {
                return 0; // no /proc/stat: nothing to wait for
            }
            double idle = 1 - (double) (now[0] - before[0]) / (now[1] - before[1]);
            quietSeconds = idle >= idleShare ? quietSeconds + 1 : 0;
            before = now;
        }
        return round((System.nanoTime() - start) / 1e9);
    }

    /** The 1, 5 and 15 minute load averages, or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Busy and total ticks of all CPUs, from the first line of /proc/stat; zeros without it. */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** The instance id of our services, the program of the infrastructure (a JVM by its main class). */
    private static String name(Path proc, String comm) {
        String[] args;
        try {
            args = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8).split("\0");
        } catch (IOException e) {
            return comm;
        }
        for (String a : args) {
            if (a.startsWith("-Dim.instance=")) {
                return a.substring("-Dim.instance=".length());
            }
        }
        if (!"java".equals(comm) || args.length == 0) {
            return comm;
        }
        String all = String.join(" ", args);
        String[][] known = {{"BrokerStartup", "rocketmq-broker"}, {"NamesrvStartup", "rocketmq-namesrv"},
                {"ProxyStartup", "rocketmq-proxy"}, {"seata", "seata-server"}, {"zookeeper", "zookeeper"},
                {"elasticsearch", "elasticsearch"}, {"plexus-classworlds", "maven"}, {"surefire", "maven-test"},
                {"failsafe", "maven-test"}, {"im.client.bench", "im-bench"}};
        for (String[] k : known) {
            if (all.contains(k[0])) {
                return k[1];
            }
        }
        return "java (other)";
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
