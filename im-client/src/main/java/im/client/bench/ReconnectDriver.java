package im.client.bench;

import im.api.ErrorCode;
import im.api.protocol.ContentType;
import im.api.protocol.ConvType;
import im.api.protocol.Message;
import im.api.protocol.SendReq;
import im.client.ImClient;
import im.client.ImListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Reconnect storm: every user is online; someone kills an access node (the coordinator with
 * {@code --kill-pid}, or the operator). For each client whose connection drops this records the time
 * from the drop until it is logged in again (on another node: the SDK tries the next endpoint) and
 * until its stream is synced ({@link ImListener#onSynced}). With {@code outageMessages = 1} a client
 * that never dropped sends each dropped one a message while it is away, and "caught up" is the
 * moment the dropped client holds it (through the SYNC after its new login, or a push). Waits
 * {@code waitSeconds} for the first drop; done when every dropped client is synced (and caught up)
 * and no new drop came for {@code quietSeconds}, or at {@code maxSeconds}.
 */
final class ReconnectDriver implements Driver {
    private final List<WorkerSpec.BenchUser> users;
    private final int clients;
    private final boolean outageMessages;
    private final int sendsPerRound;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final long waitNanos;
    private final long quietNanos;
    private final long maxNanos;
    private final AtomicLongArray droppedAt;
    private final AtomicLongArray loggedInAt;
    private final AtomicLongArray syncedAt;
    private final AtomicLongArray caughtUpAt;
    private final AtomicIntegerArray live;
    private final AtomicIntegerArray messageSent;
    private final Latencies relogin = new Latencies();
    private final Latencies resync = new Latencies();
    private final Latencies catchUp = new Latencies();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reconnected = new AtomicLong();
    private final AtomicLong synced = new AtomicLong();
    private final AtomicLong caughtUp = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final LongAccumulator firstDrop = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator lastDrop = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final LongAccumulator lastSynced = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final LongAccumulator lastCaughtUp = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private volatile boolean armed;

    ReconnectDriver(WorkerSpec spec) {
        this.users = spec.users();
        this.clients = users.size();
        this.outageMessages = spec.params().getOrDefault("outageMessages", 0L) == 1;
        // rounds are 200 ms apart; a burst of one message per dropped client would exceed what one
        // im-logic absorbs and turn into timeouts and retries
        this.sendsPerRound = (int) Math.max(1, spec.params().getOrDefault("outageRate", 20L) / 5);
        this.waitNanos = TimeUnit.SECONDS.toNanos(spec.param("waitSeconds"));
        this.quietNanos = TimeUnit.SECONDS.toNanos(spec.param("quietSeconds"));
        this.maxNanos = TimeUnit.SECONDS.toNanos(spec.param("maxSeconds"));
        this.droppedAt = new AtomicLongArray(clients);
        this.loggedInAt = new AtomicLongArray(clients);
        this.syncedAt = new AtomicLongArray(clients);
        this.caughtUpAt = new AtomicLongArray(clients);
        this.live = new AtomicIntegerArray(clients);
        this.messageSent = new AtomicIntegerArray(clients);
    }

    @Override
    public ImListener listener(int i) {
        return new ImListener() {
            @Override
            public void onStateChange(ImClient.State state) {
                live.set(i, state == ImClient.State.LOGGED_IN ? 1 : 0);
                if (!armed) {
                    return;
                }
                long now = System.nanoTime();
                if (state == ImClient.State.DISCONNECTED && droppedAt.compareAndSet(i, 0, now)) {
                    dropped.incrementAndGet();
                    firstDrop.accumulate(now);
                    lastDrop.accumulate(now);
                } else if (state == ImClient.State.LOGGED_IN && droppedAt.get(i) != 0
                        && loggedInAt.compareAndSet(i, 0, now)) {
                    relogin.recordNanos(now - droppedAt.get(i));
                    reconnected.incrementAndGet();
                }
            }

            @Override
            public void onSynced(long maxSeq) {
                long now = System.nanoTime();
                if (armed && loggedInAt.get(i) != 0 && syncedAt.compareAndSet(i, 0, now)) {
                    resync.recordNanos(now - droppedAt.get(i));
                    synced.incrementAndGet();
                    lastSynced.accumulate(now);
                }
            }

            @Override
            public void onMessages(List<Message> messages) {
                long now = System.nanoTime();
                for (Message m : messages) {
                    if (m.getText().equals("outage " + i) && droppedAt.get(i) != 0
                            && caughtUpAt.compareAndSet(i, 0, now)) {
                        catchUp.recordNanos(now - droppedAt.get(i));
                        caughtUp.incrementAndGet();
                        lastCaughtUp.accumulate(now);
                    }
                }
            }
        };
    }

    @Override
    public void run(Fleet fleet) throws InterruptedException {
        armed = true;
        long start = System.nanoTime();
        int nextSender = 0;
        long lastRound = 0;
        while (System.nanoTime() - start < maxNanos) {
            Thread.sleep(20);
            if (outageMessages && System.nanoTime() - lastRound > TimeUnit.MILLISECONDS.toNanos(200)) {
                lastRound = System.nanoTime(); // a failed send waits for the next round, not a hot loop
                nextSender = sendToTheDropped(fleet, nextSender);
            }
            long now = System.nanoTime();
            if (dropped.get() == 0) {
                if (now - start > waitNanos) {
                    return; // nothing dropped here: this worker's clients were all on surviving nodes
                }
            } else if (synced.get() == dropped.get() && (!outageMessages || caughtUp.get() == dropped.get())
                    && now - lastDrop.get() > quietNanos) {
                return;
            }
        }
    }

    /**
     * One message to every dropped client not yet written to, each from the next client that never
     * dropped and is online (spread: the gateway limits frames per connection); the next sender.
     */
    private int sendToTheDropped(Fleet fleet, int nextSender) {
        int sender = nextSender;
        int budget = sendsPerRound;
        for (int i = 0; i < clients && budget > 0; i++) {
            if (droppedAt.get(i) == 0 || !messageSent.compareAndSet(i, 0, 1)) {
                continue;
            }
            int from = -1;
            for (int tries = 0; tries < clients && from < 0; tries++) {
                sender = (sender + 1) % clients;
                if (live.get(sender) == 1 && droppedAt.get(sender) == 0) {
                    from = sender;
                }
            }
            if (from < 0) {
                messageSent.set(i, 0); // nobody online here yet: try again on the next round
                return sender;
            }
            int to = i;
            budget--;
            // one client_msg_id per dropped client: a retry after an unclear answer is de-duplicated
            fleet.clients().get(from).send(SendReq.newBuilder().setClientMsgId("outage-" + runId + "-" + to)
                    .setConvType(ConvType.SINGLE)
                    .setToId(users.get(to).id()).setContentType(ContentType.TEXT).setText("outage " + to).build())
                    .whenComplete((r, e) -> {
                        if (e != null || r.getCode() != ErrorCode.OK.code()) {
                            sendFailures.incrementAndGet();
                            messageSent.set(to, 0); // nothing stored (or unknown): send again
                        }
                    });
        }
        return sender;
    }

    @Override
    public Map<String, Long> progress() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("clients", (long) clients);
        m.put("dropped", dropped.get());
        m.put("reconnected", reconnected.get());
        m.put("synced", synced.get());
        if (outageMessages) {
            m.put("caughtUp", caughtUp.get());
            m.put("sendFailures", sendFailures.get());
        }
        return m;
    }

    @Override
    public Map<String, Object> result() {
        Map<String, Object> m = new LinkedHashMap<>(progress());
        m.put("firstDrop", firstDrop.get());
        m.put("lastSynced", lastSynced.get());
        m.put("lastCaughtUp", lastCaughtUp.get());
        m.put("histRelogin", relogin.encode());
        m.put("histResync", resync.encode());
        m.put("histCatchUp", catchUp.encode());
        return m;
    }
}
