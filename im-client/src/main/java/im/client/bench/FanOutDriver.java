package im.client.bench;

import im.api.ErrorCode;
import im.api.protocol.ContentType;
import im.api.protocol.ConvType;
import im.api.protocol.Message;
import im.api.protocol.SendReq;
import im.api.protocol.SendResp;
import im.client.ImListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Group fan-out: one sender (user 0 of worker {@code senderWorker}) sends {@code messages} texts to
 * group {@code groupId}, one after the other, {@code intervalMs} apart; every other user is an online
 * member. Records, per delivery, send -> MSG_PUSH latency, and per message the latest arrival and the
 * number of members that got it, so the coordinator can tell the time until every online member had
 * it. Done when this worker's members have every message, or {@code drainSeconds} after the sender's
 * last send would have gone out, or at {@code maxSeconds}.
 */
final class FanOutDriver implements Driver {
    private final WorkerSpec spec;
    private final boolean hasSender;
    private final int messages;
    private final long groupId;
    private final long intervalMs;
    private final long drainNanos;
    private final long maxNanos;
    private final Latencies deliveries = new Latencies();
    private final Latencies sendResp = new Latencies();
    private final AtomicLongArray maxLatency;
    private final AtomicLongArray delivered;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    FanOutDriver(WorkerSpec spec) {
        this.spec = spec;
        this.hasSender = spec.param("senderWorker") == spec.index();
        this.messages = (int) spec.param("messages");
        this.groupId = spec.param("groupId");
        this.intervalMs = spec.param("intervalMs");
        this.drainNanos = TimeUnit.SECONDS.toNanos(spec.param("drainSeconds"));
        this.maxNanos = TimeUnit.SECONDS.toNanos(spec.param("maxSeconds"));
        this.maxLatency = new AtomicLongArray(messages);
        this.delivered = new AtomicLongArray(messages);
    }

    private int receivers() {
        return spec.users().size() - (hasSender ? 1 : 0);
    }

    @Override
    public ImListener listener(int index) {
        if (hasSender && index == 0) {
            return new ImListener() {
            };
        }
        return new ImListener() {
            @Override
            public void onMessages(List<Message> batch) {
                long now = System.nanoTime();
                for (Message m : batch) {
                    long[] bench = Driver.parseBench(m.getText());
                    if (bench == null || m.getConvType() != ConvType.GROUP || m.getConvId() != groupId
                            || bench[1] < 0 || bench[1] >= messages) {
                        continue;
                    }
                    long latency = now - bench[0];
                    deliveries.recordNanos(latency);
                    maxLatency.accumulateAndGet((int) bench[1], latency, Math::max);
                    delivered.incrementAndGet((int) bench[1]);
                    received.incrementAndGet();
                }
            }
        };
    }

    @Override
    public void run(Fleet fleet) throws Exception {
        long start = System.nanoTime();
        long expected = (long) receivers() * messages;
        long sendsEnd = start + TimeUnit.MILLISECONDS.toNanos(intervalMs * messages);
        for (int k = 0; hasSender && k < messages && System.nanoTime() - start < maxNanos; k++) {
            long t0 = System.nanoTime();
            SendResp r = fleet.clients().get(0).send(SendReq.newBuilder().setConvType(ConvType.GROUP).setToId(groupId)
                    .setContentType(ContentType.TEXT).setText(Driver.benchText(t0, k)).build()).get(60, TimeUnit.SECONDS);
            if (r.getCode() == ErrorCode.OK.code()) {
                sendResp.recordNanos(System.nanoTime() - t0);
                sent.incrementAndGet();
            } else {
                failed.incrementAndGet();
                System.err.println("group send refused: " + r.getCode() + " " + r.getMessage());
            }
            long next = t0 + TimeUnit.MILLISECONDS.toNanos(intervalMs);
            while (System.nanoTime() < next) {
                Thread.sleep(Math.max(1, (next - System.nanoTime()) / 1_000_000));
            }
        }
        while (received.get() < expected && System.nanoTime() - start < maxNanos
                && System.nanoTime() < sendsEnd + drainNanos) {
            Thread.sleep(20);
        }
    }

    @Override
    public Map<String, Long> progress() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("sent", sent.get());
        m.put("failed", failed.get());
        m.put("received", received.get());
        m.put("members", (long) receivers());
        return m;
    }

    @Override
    public Map<String, Object> result() {
        Map<String, Object> m = new LinkedHashMap<>(progress());
        m.put("histDelivery", deliveries.encode());
        m.put("histSendResp", sendResp.encode());
        List<Long> max = new ArrayList<>();
        List<Long> count = new ArrayList<>();
        for (int k = 0; k < messages; k++) {
            max.add(maxLatency.get(k));
            count.add(delivered.get(k));
        }
        m.put("maxLatencyPerMessage", max);
        m.put("deliveredPerMessage", count);
        return m;
    }
}
