package im.client.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code im-bench reconnect}: reconnect storm after an access node dies, see {@link ReconnectDriver}. */
@Command(name = "reconnect", description = "Reconnect storm: clients spread over the access nodes; kill one "
        + "(--kill-pid, or by hand); time until every dropped client is logged in elsewhere and synced.")
final class ReconnectBench implements Callable<Integer> {
    @ParentCommand
    ImBench bench;

    @Mixin
    BenchOptions opts;

    @Option(names = "--clients", defaultValue = "1000", description = "online clients (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--kill-pid", description = "SIGKILL this access node's process once all are online "
            + "(else: kill one yourself when the progress line says so)")
    Long killPid;

    @Option(names = "--kill-after-seconds", defaultValue = "3", description = "wait before killing (default ${DEFAULT-VALUE})")
    long killAfterSeconds;

    @Option(names = "--wait-seconds", defaultValue = "120",
            description = "how long to wait for the first dropped connection (default ${DEFAULT-VALUE})")
    long waitSeconds;

    @Option(names = "--outage-messages", description = "while a client is away, a client that stayed online "
            + "sends it a message; caught up = the dropped client holds it")
    boolean outageMessages;

    @Option(names = "--outage-rate", defaultValue = "20",
            description = "messages per second per worker for --outage-messages (default ${DEFAULT-VALUE})")
    long outageRate;

    @Option(names = "--reconnect-base-ms", defaultValue = "500",
            description = "the SDK's first reconnect delay ceiling (default ${DEFAULT-VALUE})")
    long reconnectBaseMs;

    @Option(names = "--reconnect-max-ms", defaultValue = "30000",
            description = "the SDK's largest reconnect delay ceiling (default ${DEFAULT-VALUE})")
    long reconnectMaxMs;

    @Override
    public Integer call() throws Exception {
        opts.validate(clients);
        SingleChatBench.positive(clients, "--clients");
        if (outageRate < 1 || outageRate > 10_000) {
            throw new IllegalArgumentException("--outage-rate must be 1..10000: " + outageRate);
        }
        if (reconnectBaseMs < 1 || reconnectMaxMs < reconnectBaseMs) {
            throw new IllegalArgumentException("need 1 <= --reconnect-base-ms <= --reconnect-max-ms");
        }
        Optional<ProcessHandle> victim = Optional.empty();
        if (killPid != null) {
            victim = ProcessHandle.of(killPid);
            if (victim.isEmpty()) {
                throw new IllegalArgumentException("--kill-pid " + killPid + ": no such process");
            }
        }
        BenchSetup.Setup setup = BenchSetup.create(opts.baseUrl(), opts.platformAccount, opts.platformPassword,
                clients, System.err);
        var eps = opts.endpoints(setup.endpoints());
        if (eps.size() < 2) {
            System.err.println("im-bench: only " + eps.size() + " access endpoint(s): dropped clients will have "
                    + "nowhere to go until the node is back");
        }
        Map<String, Long> params = new LinkedHashMap<>();
        params.put("waitSeconds", killPid != null ? killAfterSeconds + 30 : waitSeconds);
        params.put("quietSeconds", 3L);
        params.put("maxSeconds", opts.maxSeconds);
        params.put("reconnectBaseMs", reconnectBaseMs);
        params.put("reconnectMaxMs", reconnectMaxMs);
        params.put("outageMessages", outageMessages ? 1L : 0L);
        params.put("outageRate", outageRate);
        Optional<ProcessHandle> toKill = victim;
        Coordinator c = new Coordinator(opts.workDir(), opts.workerHeap, System.err);
        Map<String, Object> r = c.run("reconnect", opts.specs("reconnect", setup.users(), 1, eps, true, params),
                opts.maxSeconds + 360, () -> {
                    if (toKill.isPresent()) {
                        Thread.sleep(killAfterSeconds * 1000);
                        System.err.println("\nim-bench: killing pid " + killPid);
                        toKill.get().destroyForcibly();
                    } else {
                        System.err.println("\nim-bench: all " + clients + " clients online: kill an access node now");
                    }
                });

        long dropped = ImBench.num(r, "dropped");
        long synced = ImBench.num(r, "synced");
        long reconnected = ImBench.num(r, "reconnected");
        long caughtUp = ImBench.num(r, "caughtUp");
        double allBackSeconds = dropped == 0 ? 0 : Math.round((ImBench.num(r, outageMessages ? "lastCaughtUp"
                : "lastSynced") - ImBench.num(r, "firstDrop")) / 1e7) / 100.0;
        Latencies catchUp = (Latencies) r.get("histCatchUp");
        Latencies relogin = (Latencies) r.get("histRelogin");
        Latencies resync = (Latencies) r.get("histResync");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("clients", clients);
        figures.put("endpoints", eps.size());
        figures.put("dropped", dropped);
        figures.put("reconnected", reconnected);
        figures.put("synced", synced);
        if (outageMessages) {
            figures.put("caughtUp", caughtUp);
            figures.put("sendFailures", ImBench.num(r, "sendFailures"));
            figures.put("dropToCaughtUp", catchUp.summary());
        }
        figures.put(outageMessages ? "firstDropToAllCaughtUpSeconds" : "firstDropToAllSyncedSeconds", allBackSeconds);
        figures.put("dropToLoggedIn", relogin.summary());
        figures.put("dropToSynced", resync.summary());
        figures.put("tenant", setup.tenantCode());
        String load = clients + " clients over " + eps.size() + " access node(s), one killed"
                + (killPid != null ? " (SIGKILL by im-bench)" : " (by the operator)") + ", reconnect backoff "
                + reconnectBaseMs + ".." + reconnectMaxMs + " ms, " + opts.workers + " worker(s)"
                + (outageMessages ? ", one message to each dropped client while it is away (" + outageRate
                + "/s per worker)" : "");
        String results = dropped + " dropped, " + synced + " back and synced"
                + (outageMessages ? ", " + caughtUp + " holding the message sent while away" : "") + "; all back "
                + allBackSeconds + " s after the first drop; drop->logged in " + relogin.brief() + "; drop->synced "
                + resync.brief() + (outageMessages ? "; drop->holding the message " + catchUp.brief() : "");
        ImBench.emit(opts, bench.args, "reconnect storm", load, results, figures);
        boolean complete = dropped > 0 && synced == dropped && (!outageMessages || caughtUp == dropped);
        return complete ? ImBench.COMPLETE : ImBench.INCOMPLETE;
    }
}
