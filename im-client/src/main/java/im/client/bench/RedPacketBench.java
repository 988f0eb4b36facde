package im.client.bench;

import im.client.HttpApi;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code im-bench redpacket}: red packets through the whole stack (the HTTP edge, Dubbo, im-redpacket
 * with Seata and RocketMQ, im-logic posting each packet's chat message), issue 15's benchmark. One group
 * holds every user. Phase "send" ({@link SendPhase}): {@code --senders} users send {@code --sends} small
 * packets into it. Phase "grab": {@code --rounds} times, one hot packet that {@code --contenders} users
 * grab at once ({@link GrabBurst}); then its answers are checked against {@code GET /redpackets/{id}}
 * and the winners' wallets are polled until the credits (paid through RocketMQ) land. At the end every
 * wallet is checked ({@link RedPacketBooks}); any difference exits 1. Runs in this process over HTTP
 * only: {@code --workers}, {@code --transport} and {@code --endpoints} do not apply.
 */
@Command(name = "redpacket", description = "Red packets over HTTP: sends/s with p99 by concurrent senders, "
        + "grabs/s with p99 of one hot packet with N contenders at once, and the books checked afterwards.")
final class RedPacketBench implements Callable<Integer> {
    /** A grab or send waits this long for its answer (the gateway's Dubbo timeout is 5 s). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Before each phase the machine must be this idle (the previous phase's fan-out has drained). */
    private static final double QUIET_IDLE_SHARE = 0.6;
    private static final long CREDIT_POLL_MS = 250;

    @ParentCommand
    ImBench bench;

    @Mixin
    BenchOptions opts;

    @Option(names = "--contenders", defaultValue = "1000",
            description = "users grabbing each hot packet at once, one thread each (default ${DEFAULT-VALUE})")
    int contenders;

    @Option(names = "--senders", defaultValue = "8", description = "concurrent senders (default ${DEFAULT-VALUE})")
    int senders;

    @Option(names = "--sends", defaultValue = "300", description = "packets of phase send (default ${DEFAULT-VALUE})")
    int sends;

    @Option(names = "--send-amount", defaultValue = "200",
            description = "cents per sent packet (default ${DEFAULT-VALUE})")
    long sendAmount;

    @Option(names = "--send-count", defaultValue = "10",
            description = "shares per sent packet (default ${DEFAULT-VALUE})")
    int sendCount;

    @Option(names = "--rounds", defaultValue = "3",
            description = "hot packets, one burst each (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--hot-amount", defaultValue = "200000",
            description = "cents per hot packet, RANDOM (default ${DEFAULT-VALUE})")
    long hotAmount;

    @Option(names = "--hot-count", defaultValue = "200",
            description = "shares per hot packet, at most 200 (default ${DEFAULT-VALUE})")
    int hotCount;

    @Option(names = "--credit-wait-seconds", defaultValue = "60",
            description = "how long a round waits for its winners' credits to land (default ${DEFAULT-VALUE})")
    long creditWaitSeconds;

    @Option(names = "--settle-seconds", defaultValue = "60", description = "before each phase, wait at most this "
            + "long for the machine to be 60% idle (the previous phase's fan-out; default ${DEFAULT-VALUE})")
    long settleSeconds;

    @Override
    public Integer call() throws Exception {
        validate();
        String loadAtStart = ProcessCpu.loadAverage();
        long setupStart = System.nanoTime();
        BenchSetup.Setup setup = BenchSetup.create(opts.baseUrl(), opts.platformAccount, opts.platformPassword,
                senders + contenders, System.err);
        HttpApi api = new HttpApi(opts.baseUrl(), REQUEST_TIMEOUT);
        List<WorkerSpec.BenchUser> senderUsers = setup.users().subList(0, senders);
        List<WorkerSpec.BenchUser> contenderUsers = setup.users().subList(senders, senders + contenders);
        long groupId = api.createGroup(senderUsers.get(0).token(), "red packets " + setup.users().size(),
                setup.users().subList(1, setup.users().size()).stream().map(WorkerSpec.BenchUser::id).toList());
        long[] toppedUp = new long[senders];
        for (int i = 0; i < senders; i++) {
            // the senders share one counter, so any of them may send all of phase send's packets
            toppedUp[i] = sends * sendAmount + ((long) rounds / senders + 1) * hotAmount;
            api.topUp(setup.adminToken(), senderUsers.get(i).id(), toppedUp[i], setup.tenantCode() + "-" + i);
        }
        double setupSeconds = seconds(System.nanoTime() - setupStart);
        System.err.println("[setup] " + setup.users().size() + " users, group " + groupId + ", senders topped up in "
                + setupSeconds + " s");
        long deadline = System.nanoTime() + opts.maxSeconds * 1_000_000_000L;
        List<String> problems = new ArrayList<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("contenders", contenders);
        figures.put("senders", senders);
        figures.put("setupSeconds", setupSeconds);
        figures.put("loadAverageAtStart", loadAtStart);

        double settled = ProcessCpu.awaitQuiet(QUIET_IDLE_SHARE, settleSeconds);
        ProcessCpu.Sample before = ProcessCpu.sample();
        SendPhase.Result sent = SendPhase.run(api, senderUsers, groupId, sends, sendAmount, sendCount, deadline);
        Map<String, Object> sendCpu = ProcessCpu.between(before, ProcessCpu.sample());
        long[] debited = sent.debited().clone();
        figures.put("send", sendFigures(sent, settled, sendCpu));
        System.err.println("[send] " + sent.answers().brief() + " at " + sent.sendsPerSecond() + "/s, "
                + sent.latency().brief());

        Map<Long, Long> expected = new HashMap<>();
        contenderUsers.forEach(u -> expected.put(u.id(), 0L));
        List<Map<String, Object>> roundFigures = new ArrayList<>();
        Latencies allGrabs = new Latencies();
        StringBuilder grabBrief = new StringBuilder();
        ExecutorService pollers = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "bench-poll");
            t.setDaemon(true);
            return t;
        });
        try (GrabBurst burst = new GrabBurst(api, contenders)) {
            for (int r = 0; r < rounds && System.nanoTime() < deadline; r++) {
                settled = ProcessCpu.awaitQuiet(QUIET_IDLE_SHARE, settleSeconds);
                WorkerSpec.BenchUser sender = senderUsers.get(r % senders);
                long packetId;
                try {
                    packetId = api.sendRedPacket(sender.token(), "GROUP", groupId, hotAmount, hotCount, "RANDOM",
                            "im-bench hot packet " + (r + 1)).redPacketId();
                } catch (IOException | RuntimeException e) {
                    problems.add("round " + (r + 1) + ": the hot packet was not sent: " + e);
                    continue;
                }
                debited[r % senders] += hotAmount;
                before = ProcessCpu.sample();
                GrabBurst.Result b = burst.run(packetId, contenderUsers, deadline);
                Map<String, Object> cpu = ProcessCpu.between(before, ProcessCpu.sample());
                HttpApi.RedPacket shown = api.redPacket(sender.token(), packetId);
                String round = "round " + (r + 1) + ": ";
                if (!b.complete()) {
                    problems.add(round + "not every grab was answered before the deadline");
                }
                RedPacketBooks.checkPacket(hotAmount, hotCount, contenders, b.won(), shown)
                        .forEach(p -> problems.add(round + p));
                b.won().forEach((user, amount) -> expected.merge(user, amount, Long::sum));
                double landedMs = awaitCredits(api, pollers, contenderUsers, b, expected);
                if (landedMs < 0) {
                    problems.add(round + "the winners' credits had not all landed after " + creditWaitSeconds + " s");
                }
                allGrabs.add(b.all());
                roundFigures.add(roundFigures(b, landedMs, settled, cpu));
                grabBrief.append(grabBrief.length() == 0 ? "" : "; ").append(round).append(b.answersPerSecond())
                        .append(" answers/s, ").append(b.all().brief()).append(", ").append(b.answers().brief())
                        .append(", emptied after ").append(b.emptiedAfterMs()).append(" ms, credits landed ")
                        .append(landedMs < 0 ? "not within the wait" : "within " + Math.round(landedMs) + " ms");
                System.err.println("[grab] " + grabBrief.substring(grabBrief.lastIndexOf(round)));
            }
            problems.addAll(RedPacketBooks.checkBalances("contender", expected,
                    balances(api, pollers, contenderUsers)));
            Map<Long, Long> senderExpected = new HashMap<>();
            for (int i = 0; i < senders; i++) {
                senderExpected.put(senderUsers.get(i).id(), toppedUp[i] - debited[i]);
            }
            problems.addAll(RedPacketBooks.checkBalances("sender", senderExpected,
                    balances(api, pollers, senderUsers)));
        } finally {
            pollers.shutdownNow();
        }
        figures.put("grabRounds", roundFigures);
        figures.put("grabLatencyAllRounds", allGrabs.summary());
        figures.put("booksAgree", problems.isEmpty());
        figures.put("differences", problems);
        figures.put("tenant", setup.tenantCode());
        problems.forEach(p -> System.err.println("[books] " + p));
        String load = contenders + " contenders + " + senders + " senders in one group (setup " + setupSeconds
                + " s, not measured); send: " + sends + " packets of " + sendAmount + " cents / " + sendCount
                + " shares by " + senders + " concurrent senders; grab: " + rounds + " x one " + hotAmount
                + "-cent " + hotCount + "-share RANDOM packet, " + contenders + " grabbing at once; HTTP only";
        String results = "sends " + sent.answers().brief() + " at " + sent.sendsPerSecond() + "/s, "
                + sent.latency().brief() + "; grabs " + grabBrief + "; books "
                + (problems.isEmpty() ? "agree" : problems.size() + " difference(s)");
        ImBench.emit(opts, bench.args, "redpacket", load, results, figures);
        return problems.isEmpty() && sent.answers().count(AnswerTally.OK) == sends ? ImBench.COMPLETE
                : ImBench.INCOMPLETE;
    }

    private void validate() {
        opts.validate(senders + contenders);
        if (contenders < 1 || contenders > 5000) {
            throw new IllegalArgumentException("--contenders must be 1..5000 (one thread each): " + contenders);
        }
        if (senders < 1 || senders > 64) {
            throw new IllegalArgumentException("--senders must be 1..64: " + senders);
        }
        if (hotCount < 1 || hotCount > 200 || sendCount < 1 || sendCount > 200) {
            throw new IllegalArgumentException("--hot-count and --send-count must be 1..200 (the most shares)");
        }
        if (hotCount > senders + contenders || sendCount > senders + contenders) {
            throw new IllegalArgumentException("a packet has at most as many shares as the group has members ("
                    + (senders + contenders) + ")");
        }
        if (hotAmount < hotCount || sendAmount < sendCount) {
            throw new IllegalArgumentException("every share is at least 1 cent: --hot-amount >= --hot-count and "
                    + "--send-amount >= --send-count");
        }
        SingleChatBench.positive(sends, "--sends");
        SingleChatBench.positive(rounds, "--rounds");
        SingleChatBench.positive(creditWaitSeconds, "--credit-wait-seconds");
    }

    /**
     * Polls this round's winners' wallets until each holds what it won so far; milliseconds from the
     * last successful grab's answer until a poll saw them all (an upper bound by one poll), or -1.
     */
    private double awaitCredits(HttpApi api, ExecutorService pollers, List<WorkerSpec.BenchUser> contenders,
                                GrabBurst.Result b, Map<Long, Long> expected) throws InterruptedException {
        List<WorkerSpec.BenchUser> winners = contenders.stream().filter(u -> b.won().containsKey(u.id())).toList();
        long until = System.nanoTime() + creditWaitSeconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            Map<Long, Long> now = balances(api, pollers, winners);
            if (winners.stream().allMatch(u -> expected.get(u.id()).equals(now.get(u.id())))) {
                return Math.round((System.nanoTime() - b.lastWinAt()) / 1e5) / 10.0;
            }
            Thread.sleep(CREDIT_POLL_MS);
        }
        return -1;
    }

    /** {@code GET /wallet} of each user, 32 at a time; a user whose answer failed is left out. */
    private static Map<Long, Long> balances(HttpApi api, ExecutorService pollers, List<WorkerSpec.BenchUser> users)
            throws InterruptedException {
        Map<Long, Long> out = new ConcurrentHashMap<>();
        List<Future<?>> fs = new ArrayList<>();
        for (WorkerSpec.BenchUser u : users) {
            fs.add(pollers.submit(() -> {
                try {
                    out.put(u.id(), api.balance(u.token()));
                } catch (IOException | RuntimeException e) {
                    System.err.println("[books] GET /wallet failed for user " + u.id() + ": " + e);
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return out;
    }

    private Map<String, Object> sendFigures(SendPhase.Result s, double settled, Map<String, Object> cpu) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("packets", sends);
        m.put("amount", sendAmount);
        m.put("count", sendCount);
        m.put("settledSeconds", settled);
        m.put("answers", s.answers().asMap());
        m.put("sendsPerSecond", s.sendsPerSecond());
        m.put("latency", s.latency().summary());
        m.put("cpu", cpu);
        return m;
    }

    private static Map<String, Object> roundFigures(GrabBurst.Result b, double landedMs, double settled,
                                                    Map<String, Object> cpu) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("redPacketId", Long.toString(b.packetId()));
        m.put("settledSeconds", settled);
        m.put("answers", b.answers().asMap());
        m.put("answersPerSecond", b.answersPerSecond());
        m.put("burstMs", Math.round((b.lastAnswerAt() - b.releasedAt()) / 1e5) / 10.0);
        m.put("emptiedAfterMs", b.emptiedAfterMs());
        m.put("latencyAll", b.all().summary());
        m.put("latencyWon", b.wins().summary());
        m.put("latencyEmpty", b.empties().summary());
        m.put("creditsLandedWithinMs", landedMs);
        m.put("cpu", cpu);
        return m;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e8) / 10.0;
    }
}
