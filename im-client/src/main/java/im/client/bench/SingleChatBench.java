package im.client.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code im-bench single}: single-chat throughput and latency, see {@link SingleChatDriver}. */
@Command(name = "single", description = "Single-chat throughput: pairs of users, send -> SEND_RESP and "
        + "send -> MSG_PUSH latency, messages/s.")
final class SingleChatBench implements Callable<Integer> {
    @ParentCommand
    ImBench bench;

    @Mixin
    BenchOptions opts;

    @Option(names = "--pairs", defaultValue = "50", description = "sender/receiver pairs (default ${DEFAULT-VALUE})")
    int pairs;

    @Option(names = "--messages", defaultValue = "100", description = "messages per sender (default ${DEFAULT-VALUE})")
    int messages;

    @Option(names = "--rate", defaultValue = "10", description = "messages per second per sender; the gateway "
            + "allows 50 frames/s per connection by default (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--window", defaultValue = "16", description = "unanswered sends per sender (default ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--drain-seconds", defaultValue = "15",
            description = "wait this long after the last answer for pushes (default ${DEFAULT-VALUE})")
    long drainSeconds;

    @Override
    public Integer call() throws Exception {
        opts.validate(2 * pairs);
        positive(pairs, "--pairs");
        positive(messages, "--messages");
        positive(window, "--window");
        if (rate < 1 || rate > 10_000) {
            throw new IllegalArgumentException("--rate must be 1..10000 per sender: " + rate);
        }
        if (opts.workers > pairs) {
            throw new IllegalArgumentException("--workers (" + opts.workers + ") must not exceed --pairs (" + pairs + ")");
        }
        BenchSetup.Setup setup = BenchSetup.create(opts.baseUrl(), opts.platformAccount, opts.platformPassword,
                2 * pairs, System.err);
        Map<String, Long> params = new LinkedHashMap<>();
        params.put("messages", (long) messages);
        params.put("rate", (long) rate);
        params.put("window", (long) window);
        params.put("drainSeconds", drainSeconds);
        params.put("maxSeconds", opts.maxSeconds);
        Coordinator c = new Coordinator(opts.workDir(), opts.workerHeap, System.err);
        Map<String, Object> r = c.run("single", opts.specs("single", setup.users(), 2,
                opts.endpoints(setup.endpoints()), false, params), opts.maxSeconds + 360, () -> { });

        long total = (long) pairs * messages;
        long answered = ImBench.num(r, "answered");
        long pushed = ImBench.num(r, "pushed");
        long failed = ImBench.num(r, "failed");
        long firstSend = ImBench.num(r, "firstSend");
        double durableRate = ImBench.perSecond(answered, firstSend, ImBench.num(r, "lastAnswer"));
        double pushedRate = ImBench.perSecond(pushed, firstSend, ImBench.num(r, "lastPush"));
        Latencies sendResp = (Latencies) r.get("histSendResp");
        Latencies push = (Latencies) r.get("histPush");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("pairs", pairs);
        figures.put("messagesPerSender", messages);
        figures.put("offeredPerSecond", pairs * rate);
        figures.put("sent", ImBench.num(r, "sent"));
        figures.put("answered", answered);
        figures.put("failed", failed);
        figures.put("pushed", pushed);
        figures.put("durablePerSecond", durableRate);
        figures.put("pushedPerSecond", pushedRate);
        figures.put("sendToSendResp", sendResp.summary());
        figures.put("sendToPush", push.summary());
        r.forEach((k, v) -> {
            if (k.startsWith("failedWithCode")) {
                figures.put(k, v);
            }
        });
        figures.put("tenant", setup.tenantCode());
        String load = pairs + " pairs x " + messages + " msgs at " + rate + "/s each (" + pairs * rate
                + " msg/s offered, window " + window + "), " + opts.workers + " worker(s), " + opts.transport;
        String results = answered + "/" + total + " durable at " + durableRate + " msg/s, send->SEND_RESP "
                + sendResp.brief() + "; " + pushed + " pushed at " + pushedRate + " msg/s, send->MSG_PUSH "
                + push.brief() + (failed > 0 ? "; " + failed + " failed " + failureCodes(r) : "");
        ImBench.emit(opts, bench.args, "single-chat", load, results, figures);
        return answered == total && pushed == answered ? ImBench.COMPLETE : ImBench.INCOMPLETE;
    }

    private static String failureCodes(Map<String, Object> r) {
        StringBuilder b = new StringBuilder("(");
        r.forEach((k, v) -> {
            if (k.startsWith("failedWithCode")) {
                b.append(b.length() > 1 ? ", " : "").append(v).append(" x code ").append(k.substring(14));
            }
        });
        return b.append(")").toString();
    }

    static void positive(long v, String name) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be positive: " + v);
        }
    }
}
