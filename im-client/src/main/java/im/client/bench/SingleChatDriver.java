package im.client.bench;

import im.api.ErrorCode;
import im.api.protocol.ContentType;
import im.api.protocol.ConvType;
import im.api.protocol.Message;
import im.api.protocol.SendReq;
import im.client.ImClient;
import im.client.ImClientException;
import im.client.ImListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Single-chat throughput: users come in pairs (even index sends, the next one receives). Every
 * sender sends {@code messages} texts to its peer at {@code rate} per second with at most
 * {@code window} unanswered, and records send -> SEND_RESP (durable) latency; every receiver records
 * send -> MSG_PUSH latency (the SDK acks at once, so this is send -> durable -> pushed -> acked as
 * the client sees it). Done when every send is answered and every answered message has arrived, or
 * {@code drainSeconds} after the last answer, or at {@code maxSeconds}.
 */
final class SingleChatDriver implements Driver {
    private final WorkerSpec spec;
    private final int messages;
    private final long ratePerSecond;
    private final int window;
    private final long drainNanos;
    private final long maxNanos;
    private final Latencies sendResp = new Latencies();
    private final Latencies push = new Latencies();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong pushed = new AtomicLong();
    /** Failed sends by the code they failed with (0: no answer); counters, so they add up across workers. */
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final LongAccumulator firstSend = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator lastAnswer = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final LongAccumulator lastPush = new LongAccumulator(Math::max, Long.MIN_VALUE);

    SingleChatDriver(WorkerSpec spec) {
        this.spec = spec;
        this.messages = (int) spec.param("messages");
        this.ratePerSecond = spec.param("rate");
        this.window = (int) spec.param("window");
        this.drainNanos = TimeUnit.SECONDS.toNanos(spec.param("drainSeconds"));
        this.maxNanos = TimeUnit.SECONDS.toNanos(spec.param("maxSeconds"));
        if (spec.users().size() % 2 != 0) {
            throw new IllegalArgumentException("single-chat workers need whole pairs of users");
        }
    }

    @Override
    public ImListener listener(int index) {
        if (index % 2 == 0) {
            return new ImListener() {
            };
        }
        return new ImListener() {
            @Override
            public void onMessages(List<Message> delivered) {
                long now = System.nanoTime();
                for (Message m : delivered) {
                    long[] bench = Driver.parseBench(m.getText());
                    if (bench != null && m.getConvType() == ConvType.SINGLE) {
                        push.recordNanos(now - bench[0]);
                        pushed.incrementAndGet();
                        lastPush.accumulate(now);
                    }
                }
            }
        };
    }

    @Override
    public void run(Fleet fleet) throws InterruptedException {
        int pairs = spec.users().size() / 2;
        long total = (long) pairs * messages;
        long start = System.nanoTime();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-pacer");
            t.setDaemon(true);
            return t;
        });
        long period = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        for (int p = 0; p < pairs; p++) {
            ImClient sender = fleet.clients().get(2 * p);
            long to = fleet.user(2 * p + 1).id();
            AtomicInteger count = new AtomicInteger();
            AtomicInteger inFlight = new AtomicInteger();
            // a random phase per sender: the senders do not all fire in the same millisecond
            pacer.scheduleAtFixedRate(() -> {
                if (count.get() >= messages || inFlight.get() >= window) {
                    return;
                }
                int k = count.getAndIncrement();
                inFlight.incrementAndGet();
                long t0 = System.nanoTime();
                firstSend.accumulate(t0);
                sent.incrementAndGet();
                sender.send(SendReq.newBuilder().setConvType(ConvType.SINGLE).setToId(to)
                        .setContentType(ContentType.TEXT).setText(Driver.benchText(t0, k)).build())
                        .whenComplete((r, e) -> {
                            long now = System.nanoTime();
                            inFlight.decrementAndGet();
                            if (e == null && r.getCode() == ErrorCode.OK.code()) {
                                sendResp.recordNanos(now - t0);
                                answered.incrementAndGet();
                                lastAnswer.accumulate(now);
                            } else {
                                failed.incrementAndGet();
                                int code = e == null ? r.getCode() : e instanceof ImClientException ice ? ice.code()
                                        : e.getCause() instanceof ImClientException cause ? cause.code() : 0;
                                failures.computeIfAbsent("failedWithCode" + code, name -> new AtomicLong())
                                        .incrementAndGet();
                            }
                        });
            }, ThreadLocalRandom.current().nextLong(period), period, TimeUnit.NANOSECONDS);
        }
        long answeredAt = 0;
        while (System.nanoTime() - start < maxNanos) {
            Thread.sleep(20);
            if (answered.get() + failed.get() >= total) {
                if (answeredAt == 0) {
                    answeredAt = System.nanoTime();
                }
                if (pushed.get() >= answered.get() || System.nanoTime() - answeredAt > drainNanos) {
                    break;
                }
            }
        }
        pacer.shutdownNow();
    }

    @Override
    public Map<String, Long> progress() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("sent", sent.get());
        m.put("answered", answered.get());
        m.put("failed", failed.get());
        m.put("pushed", pushed.get());
        failures.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    @Override
    public Map<String, Object> result() {
        Map<String, Object> m = new LinkedHashMap<>(progress());
        m.put("firstSend", firstSend.get());
        m.put("lastAnswer", lastAnswer.get());
        m.put("lastPush", lastPush.get());
        m.put("histSendResp", sendResp.encode());
        m.put("histPush", push.encode());
        return m;
    }
}
