package im.client.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code im-bench}: the load generator. Scenarios {@code idle} ({@link IdleConnectionBench}),
 * {@code single}, {@code fanout}, {@code reconnect} and {@code redpacket}; each creates its own tenant
 * and users through the HTTP API, drives them (from one or more worker processes; {@code redpacket}
 * over HTTP from this one), stops by itself, prints a JSON result and appends a markdown row to
 * {@code docs/benchmarks.md}. Exit status 0 when the run completed, 1 when it ran but lost messages or
 * clients (or money), 2 for a bad command line, 3 when it could not run.
 */
@Command(name = "im-bench", mixinStandardHelpOptions = true, version = "im-bench 0.1",
        description = "Load generator of the enterprise IM (docs/benchmarks.md records its figures).",
        subcommands = {SingleChatBench.class, FanOutBench.class, ReconnectBench.class, RedPacketBench.class},
        footer = {"", "im-bench idle --port 9000 --connections N --secret BASE64 ...: idle connections "
                + "(IdleConnectionBench; its own options)."})
public final class ImBench implements Runnable {
    static final int COMPLETE = 0;
    static final int INCOMPLETE = 1;
    static final int CANNOT_RUN = 3;

    String[] args = new String[0];

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "worker".equals(args[0])) {
            System.exit(Worker.run(Path.of(args[1])));
        }
        if (args.length > 0 && "idle".equals(args[0])) {
            IdleConnectionBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        ImBench bench = new ImBench();
        bench.args = args;
        CommandLine cmd = new CommandLine(bench).setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            System.err.println();
            System.err.println("im-bench: " + (e instanceof IllegalArgumentException ? e.getMessage() : e.toString()));
            return e instanceof IllegalArgumentException ? 2 : CANNOT_RUN;
        });
        System.exit(cmd.execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Prints and records one run: JSON on stdout (and in --json-out), a row in the docs. */
    static void emit(BenchOptions opts, String[] args, String scenario, String load, String results,
                     Map<String, Object> figures) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        out.put("date", Report.date());
        out.put("machine", Report.machine());
        out.put("command", BenchOptions.command(args));
        out.put("load", load);
        out.putAll(figures);
        String json = Report.json(out);
        PrintStream stdout = System.out;
        stdout.println(json);
        if (opts.jsonOut != null) {
            Files.writeString(opts.jsonOut, json + "\n", StandardCharsets.UTF_8);
        }
        if (!opts.noDocs) {
            Path docs = opts.docs != null ? opts.docs : Report.findDocs();
            if (docs == null) {
                System.err.println("im-bench: no docs/benchmarks.md above " + Path.of("").toAbsolutePath()
                        + "; pass --docs FILE (the row is not recorded)");
            } else {
                Report.appendRow(docs, "| " + Report.date() + " | " + scenario + " | " + Report.cell(load) + " | "
                        + Report.cell(results) + " | " + Report.cell(Report.machine()) + " | `"
                        + Report.cell(BenchOptions.command(args)) + "` |");
                System.err.println("im-bench: row appended to " + docs);
            }
        }
    }

    static double perSecond(long count, long fromNanos, long toNanos) {
        if (count <= 0 || toNanos <= fromNanos) {
            return 0;
        }
        return Math.round(count * 10e9 / (toNanos - fromNanos)) / 10.0;
    }

    static long num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? 0 : ((Number) v).longValue();
    }
}
