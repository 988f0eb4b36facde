package im.client.bench;

import im.client.ImClient;
import im.client.ImListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Reconnect storm: every user is online; someone kills an access node (the coordinator with
 * {@code --kill-pid}, or the operator). For each client whose connection drops this records the time
 * from the drop until it is logged in again (on another node: the SDK tries the next endpoint) and
 * until its stream is synced ({@link ImListener#onSynced}). Waits {@code waitSeconds} for the first
 * drop; done when every dropped client is synced and no new drop came for {@code quietSeconds}, or
 * at {@code maxSeconds}.
 */
final class ReconnectDriver implements Driver {
    private final int clients;
    private final long waitNanos;
    private final long quietNanos;
    private final long maxNanos;
    private final AtomicLongArray droppedAt;
    private final AtomicLongArray loggedInAt;
    private final AtomicLongArray syncedAt;
    private final Latencies relogin = new Latencies();
    private final Latencies resync = new Latencies();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reconnected = new AtomicLong();
    private final AtomicLong synced = new AtomicLong();
    private final LongAccumulator firstDrop = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator lastDrop = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final LongAccumulator lastSynced = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private volatile boolean armed;

    ReconnectDriver(WorkerSpec spec) {
        this.clients = spec.users().size();
        this.waitNanos = TimeUnit.SECONDS.toNanos(spec.param("waitSeconds"));
        this.quietNanos = TimeUnit.SECONDS.toNanos(spec.param("quietSeconds"));
        this.maxNanos = TimeUnit.SECONDS.toNanos(spec.param("maxSeconds"));
        this.droppedAt = new AtomicLongArray(clients);
        this.loggedInAt = new AtomicLongArray(clients);
        this.syncedAt = new AtomicLongArray(clients);
    }

    @Override
    public ImListener listener(int i) {
        return new ImListener() {
            @Override
            public void onStateChange(ImClient.State state) {
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
        };
    }

    @Override
    public void run(Fleet fleet) throws InterruptedException {
        armed = true;
        long start = System.nanoTime();
        while (System.nanoTime() - start < maxNanos) {
            Thread.sleep(20);
            long now = System.nanoTime();
            if (dropped.get() == 0) {
                if (now - start > waitNanos) {
                    return; // nothing dropped here: this worker's clients were all on surviving nodes
                }
            } else if (synced.get() == dropped.get() && now - lastDrop.get() > quietNanos) {
                return;
            }
        }
    }

    @Override
    public Map<String, Long> progress() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("clients", (long) clients);
        m.put("dropped", dropped.get());
        m.put("reconnected", reconnected.get());
        m.put("synced", synced.get());
        return m;
    }

    @Override
    public Map<String, Object> result() {
        Map<String, Object> m = new LinkedHashMap<>(progress());
        m.put("firstDrop", firstDrop.get());
        m.put("lastSynced", lastSynced.get());
        m.put("histRelogin", relogin.encode());
        m.put("histResync", resync.encode());
        return m;
    }
}
