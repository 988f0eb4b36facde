package im.logic.lane;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.ConversationKey;
import im.api.message.SendRequest;
import im.api.message.SendResult;
import im.api.message.SessionCaller;
import im.logic.fanout.MemberDirectory;
import im.logic.id.MsgIdGenerator;
import im.logic.send.SendAuthorizer;
import im.logic.send.SendDedup;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The send path of a node: {@code lanes} ordering lanes ({@link SendLane}), each a named thread with a
 * bounded queue; a conversation always hashes to the same lane. {@link #send} never blocks: it
 * queues and returns the future the lane completes once the message is durable, or answers BUSY at
 * once when the lane is full. Thread-safe.
 */
public final class SendLanes implements AutoCloseable {
    private final List<SendLane> lanes = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService keepAlive;
    private final LaneMetrics metrics;
    private final long keepAlivePeriod;

    /**
     * @param nodeId      this process's instance id: lock owners are {@code nodeId/lane/nonce}, so a
     *                    restarted node never mistakes a dead predecessor's lock for its own
     * @param largeGroups where sends to groups above {@link LaneSettings#maxLaneMembers()} go
     */
    public SendLanes(String nodeId, LaneSettings settings, SendAuthorizer authorizer, MemberDirectory directory,
                     MsgIdGenerator ids, SendDedup dedup, ConvLocks locks, BatchWriter writer, MessageRepair repair,
                     BatchFinisher finisher, LargeGroupSends largeGroups, MeterRegistry registry,
                     LongSupplier clock) {
        this.metrics = new LaneMetrics(registry);
        LaneContext ctx = new LaneContext(settings, authorizer, directory, ids, dedup, locks, writer, repair,
                largeGroups, finisher, metrics, clock);
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < settings.lanes(); i++) {
            SendLane lane = new SendLane(ctx, nodeId + "/" + i + "/" + nonce, settings.queueCapacity());
            lanes.add(lane);
            Thread t = new Thread(lane, "send-lane-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "send-lane-keepalive");
            t.setDaemon(true);
            return t;
        });
        this.keepAlivePeriod = Math.max(50, settings.lockTtlMillis() / 6);
        registry.gauge("im.lane.queued", this, l -> l.lanes.stream().mapToInt(SendLane::queued).sum());
    }

    /** Starts the lane threads. */
    public SendLanes start() {
        threads.forEach(Thread::start);
        keepAlive.scheduleWithFixedDelay(() -> lanes.forEach(SendLane::keepAlive), keepAlivePeriod, keepAlivePeriod,
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** Queues a checked-for-shape send; the future completes with the durable answer or the refusal. */
    public CompletableFuture<SendResult> send(SessionCaller caller, SendRequest request) {
        CompletableFuture<SendResult> answer = new CompletableFuture<>();
        SendTask task = new SendTask(caller, request, answer, System.nanoTime());
        SendLane lane = lanes.get(laneOf(task.conv, lanes.size()));
        if (!lane.offer(task)) {
            metrics.full();
            answer.completeExceptionally(ImException.stackless(ErrorCode.BUSY,
                    "overloaded: send queue full, retry with backoff"));
        }
        return answer;
    }

    static int laneOf(ConversationKey conv, int lanes) {
        long h = conv.convId() * 0x9E3779B97F4A7C15L ^ conv.convPeer() * 0xC2B2AE3D27D4EB4FL ^ conv.convType();
        return (int) Math.floorMod(h ^ (h >>> 31), (long) lanes);
    }

    /** Stops taking new work once queued sends are written (or answered BUSY). */
    @Override
    public void close() {
        lanes.forEach(SendLane::stop);
        keepAlive.shutdown();
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
