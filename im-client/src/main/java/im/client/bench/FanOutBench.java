package im.client.bench;

import im.client.HttpApi;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code im-bench fanout}: group fan-out, see {@link FanOutDriver}. */
@Command(name = "fanout", description = "Group fan-out: one sender, an N-member group, time until every online "
        + "member has each message.")
final class FanOutBench implements Callable<Integer> {
    @ParentCommand
    ImBench bench;

    @Mixin
    BenchOptions opts;

    @Option(names = "--members", defaultValue = "200",
            description = "group size including the sender, all online (default ${DEFAULT-VALUE}, at most 10000)")
    int members;

    @Option(names = "--messages", defaultValue = "10", description = "messages sent (default ${DEFAULT-VALUE})")
    int messages;

    @Option(names = "--interval-ms", defaultValue = "1000", description = "between sends (default ${DEFAULT-VALUE})")
    long intervalMs;

    @Option(names = "--drain-seconds", defaultValue = "30",
            description = "wait this long after the last send for pushes (default ${DEFAULT-VALUE})")
    long drainSeconds;

    @Override
    public Integer call() throws Exception {
        opts.validate(members);
        if (members < 2 || members > 10_000) {
            throw new IllegalArgumentException("--members must be 2..10000 (the group limit): " + members);
        }
        SingleChatBench.positive(messages, "--messages");
        SingleChatBench.positive(intervalMs, "--interval-ms");
        BenchSetup.Setup setup = BenchSetup.create(opts.baseUrl(), opts.platformAccount, opts.platformPassword,
                members, System.err);
        List<WorkerSpec.BenchUser> users = setup.users();
        String senderToken = users.get(0).token();
        long groupId = new HttpApi(opts.baseUrl(), Duration.ofSeconds(120)).createGroup(senderToken,
                "fan-out " + members, users.subList(1, users.size()).stream().map(WorkerSpec.BenchUser::id).toList());
        Map<String, Long> params = new LinkedHashMap<>();
        params.put("messages", (long) messages);
        params.put("groupId", groupId);
        params.put("intervalMs", intervalMs);
        params.put("senderWorker", 0L);
        params.put("drainSeconds", drainSeconds);
        params.put("maxSeconds", opts.maxSeconds);
        Coordinator c = new Coordinator(opts.workDir(), opts.workerHeap, System.err);
        Map<String, Object> r = c.run("fanout", opts.specs("fanout", users, 1, opts.endpoints(setup.endpoints()),
                false, params), opts.maxSeconds + 360, () -> { });

        int receivers = members - 1;
        List<?> max = (List<?>) r.get("maxLatencyPerMessage");
        List<?> count = (List<?>) r.get("deliveredPerMessage");
        Latencies allMembers = new Latencies();
        int complete = 0;
        for (int k = 0; k < messages; k++) {
            if (((Number) count.get(k)).longValue() == receivers) {
                complete++;
                allMembers.recordNanos(((Number) max.get(k)).longValue());
            }
        }
        Latencies delivery = (Latencies) r.get("histDelivery");
        Latencies sendResp = (Latencies) r.get("histSendResp");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("members", members);
        figures.put("messages", messages);
        figures.put("groupId", Long.toString(groupId));
        figures.put("sent", ImBench.num(r, "sent"));
        figures.put("deliveries", ImBench.num(r, "received"));
        figures.put("expectedDeliveries", (long) receivers * messages);
        figures.put("messagesReachingEveryMember", complete);
        figures.put("sendToEveryMember", allMembers.summary());
        figures.put("sendToEachPush", delivery.summary());
        figures.put("sendToSendResp", sendResp.summary());
        figures.put("tenant", setup.tenantCode());
        String load = members + "-member group (all online), " + messages + " msgs " + intervalMs + " ms apart, "
                + opts.workers + " worker(s), " + opts.transport;
        String results = complete + "/" + messages + " msgs reached every member; send->last member "
                + allMembers.brief() + "; each push " + delivery.brief() + "; SEND_RESP " + sendResp.brief();
        ImBench.emit(opts, bench.args, "group fan-out", load, results, figures);
        return complete == messages ? ImBench.COMPLETE : ImBench.INCOMPLETE;
    }
}
