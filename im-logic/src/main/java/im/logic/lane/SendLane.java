package im.logic.lane;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.ConversationKey;
import im.api.message.SendResult;
import im.api.org.GroupMembers;
import im.api.org.SendGrant;
import im.logic.message.DuplicateKeys;
import im.logic.send.SendDedup;
import im.logic.unread.UnreadEntry;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.redisson.api.RBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ordering lane: a single thread draining a bounded queue of sends in batches (group commit).
 * Every conversation hashes to one lane of a node, so a conversation's sends are written in the order
 * they arrived, never two at once on one node; {@link ConvLocks} keeps two nodes apart. A batch is:
 * the send checks (from the cache, misses answered in parallel), dedup claims (one pipeline), the
 * conversations' locks (one pipeline), the writes ({@link BatchWriter}), then one pipeline for
 * answers, unread and unlocks; only then is each sender answered. Pushes and events follow off the
 * lane ({@link LaneContext#after}).
 *
 * <p>A send whose conversation is locked elsewhere waits on the lane (with every later send of that
 * conversation, to keep their order) and is tried again after {@code lockRetryMillis}; one that waited
 * longer than {@code maxWaitMillis} in all is answered {@code BUSY}. Sends to groups larger than
 * {@code maxLaneMembers} go to the durable fan-out ({@link LaneContext#largeGroups}).
 */
final class SendLane implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SendLane.class);
    /** Writes of one batch before its sends are answered BUSY. */
    private static final int WRITE_ATTEMPTS = 3;

    private final LaneContext ctx;
    private final String owner;
    private final BlockingQueue<SendTask> queue;
    /** Conversations waiting for their lock, each with its sends in order, and when to try again. */
    private final Map<ConversationKey, ArrayDeque<SendTask>> waiting = new LinkedHashMap<>();
    private final Map<ConversationKey, Long> retryAt = new HashMap<>();
    private volatile boolean running = true;
    private final LaneMetrics.Stopwatch watch;

    SendLane(LaneContext ctx, String owner, int capacity) {
        this.ctx = ctx;
        this.watch = ctx.metrics().stopwatch();
        this.owner = owner;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** The conversations this lane holds locked while it writes (for {@link #keepAlive}). */
    private volatile List<ConversationKey> holding = List.of();
    private volatile long holdingSinceNanos;

    private void holding(List<ConversationKey> convs) {
        holdingSinceNanos = System.nanoTime();
        holding = List.copyOf(convs);
    }

    /**
     * Extends the locks of a batch that has been writing for a third of the lock TTL (a slow database,
     * a long repair): the locks expire only when this node stops, never under a live writer. Called by
     * a timer thread.
     */
    void keepAlive() {
        List<ConversationKey> convs = holding;
        if (convs.isEmpty() || System.nanoTime() - holdingSinceNanos
                < TimeUnit.MILLISECONDS.toNanos(ctx.settings().lockTtlMillis() / 3)) {
            return;
        }
        try {
            ctx.locks().extendAll(owner, convs);
        } catch (RuntimeException e) {
            log.warn("Failed to extend {} conversation locks: {}", convs.size(), e.toString());
        }
    }

    /** Queues a send; false when the lane is full (the caller answers BUSY). */
    boolean offer(SendTask task) {
        return queue.offer(task);
    }

    int queued() {
        return queue.size();
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        List<SendTask> batch = new ArrayList<>(ctx.settings().maxBatch());
        while (running || !queue.isEmpty() || !waiting.isEmpty()) {
            try {
                SendTask first = queue.poll(waiting.isEmpty() ? 50 : ctx.settings().lockRetryMillis(),
                        TimeUnit.MILLISECONDS);
                batch.clear();
                takeDueRetries(batch);
                if (first != null) {
                    route(first, batch);
                    List<SendTask> more = new ArrayList<>();
                    queue.drainTo(more, Math.max(0, ctx.settings().maxBatch() - batch.size()));
                    more.forEach(t -> route(t, batch));
                }
                if (!batch.isEmpty()) {
                    process(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.error("Failed to process a batch of sends: {}", e.toString(), e);
                batch.forEach(t -> fail(t, new ImException(ErrorCode.INTERNAL, "send failed")));
            }
        }
        queue.forEach(t -> fail(t, ImException.stackless(ErrorCode.BUSY, "node shutting down, resend")));
    }

    /** A send joins its conversation's waiting line if it has one, else the batch. */
    private void route(SendTask t, List<SendTask> batch) {
        ArrayDeque<SendTask> line = waiting.get(t.conv);
        if (line != null) {
            line.add(t);
        } else {
            batch.add(t);
        }
    }

    private void takeDueRetries(List<SendTask> batch) {
        long now = System.nanoTime();
        Iterator<Map.Entry<ConversationKey, ArrayDeque<SendTask>>> it = waiting.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<ConversationKey, ArrayDeque<SendTask>> e = it.next();
            if (retryAt.get(e.getKey()) <= now) {
                batch.addAll(e.getValue());
                retryAt.remove(e.getKey());
                it.remove();
            }
        }
    }

    private void process(List<SendTask> batch) {
        long startNanos = System.nanoTime();
        watch.start();
        List<SendTask> live = new ArrayList<>(batch.size());
        for (SendTask t : batch) {
            if (t.grant == null && startNanos - t.queuedNanos > TimeUnit.MILLISECONDS.toNanos(
                    ctx.settings().maxQueueMillis())) {
                ctx.metrics().shed();
                fail(t, ImException.stackless(ErrorCode.BUSY, "overloaded: queued too long, retry with backoff"));
            } else {
                if (t.grant == null) {
                    ctx.metrics().queued(startNanos - t.queuedNanos);
                }
                live.add(t);
            }
        }
        List<SendTask> checked = check(live);
        watch.lap(LaneMetrics.Phase.CHECK);
        long now = ctx.clock().getAsLong();
        List<SendTask> need = new ArrayList<>();
        List<SendDedup.Attempt> attempts = new ArrayList<>();
        List<SendTask> tasks = new ArrayList<>(checked.size());
        for (SendTask t : checked) {
            if (t.claim == null) { // a retry is claimed already
                try {
                    t.claim = BatchWriter.claimOf(ctx.ids().next(), now, t);
                } catch (ImException e) {
                    fail(t, e);
                    continue;
                }
                need.add(t);
                attempts.add(new SendDedup.Attempt(t.caller.userId(), t.request.clientMsgId(), t.claim));
            }
            tasks.add(t);
        }
        if (tasks.isEmpty()) {
            return;
        }
        // The claims and the conversations' locks in one round trip: a lock is asked for before its
        // sends' claims are known, so a repeat holds it for nothing until the end of the batch, and a
        // re-driven send records its original message id under the lock again (redrive).
        Map<ConversationKey, List<Long>> writes = new LinkedHashMap<>();
        for (SendTask t : tasks) {
            writes.computeIfAbsent(t.conv, c -> new ArrayList<>()).add(t.msgId());
        }
        Map<ConversationKey, ConvLocks.Acquired> locks;
        List<SendDedup.Claim> found;
        try {
            RBatch pipeline = ctx.locks().pipeline();
            Supplier<List<SendDedup.Claim>> claims = attempts.isEmpty() ? List::of
                    : ctx.dedup().addClaimAll(pipeline, attempts);
            Supplier<Map<ConversationKey, ConvLocks.Acquired>> acquired = ctx.locks().addAcquire(pipeline, owner,
                    writes, now);
            pipeline.execute();
            found = claims.get();
            locks = acquired.get();
        } catch (RuntimeException e) {
            ImException answer = BatchWriter.busy("Failed to claim client_msg_id and lock conversations", e);
            need.forEach(t -> t.fresh = true); // claims maybe stored: dropped (if still theirs) first
            tasks.forEach(t -> refuseUnwritten(t, answer));
            release(new ArrayList<>(writes.keySet()));
            return;
        }
        watch.lap(LaneMetrics.Phase.CLAIM);
        List<SendTask> claimed = claimed(tasks, need, found);
        List<ConversationKey> held = new ArrayList<>();
        locks.forEach((conv, lock) -> {
            if (lock.held()) {
                held.add(conv);
            }
        });
        holding(held);
        List<SendTask> ready = new ArrayList<>(claimed.size());
        List<ConversationKey> broken = new ArrayList<>();
        for (Map.Entry<ConversationKey, ConvLocks.Acquired> e : locks.entrySet()) {
            if (e.getValue().held()) {
                if (!e.getValue().dirty().isEmpty() && !ctx.repair().repair(e.getKey(), e.getValue().dirty())) {
                    broken.add(e.getKey());
                }
            }
        }
        for (SendTask t : claimed) {
            ConvLocks.Acquired lock = locks.get(t.conv);
            if (!lock.held()) {
                waitForLock(t);
            } else if (broken.contains(t.conv)) {
                refuseUnwritten(t, ImException.stackless(ErrorCode.BUSY, "conversation being repaired, resend"));
            } else {
                ready.add(t);
            }
        }
        held.removeAll(broken);
        try {
            ctx.locks().abandon(owner, broken);
        } catch (RuntimeException e) {
            log.warn("Failed to give up conversation locks after a failed repair: {}", e.toString());
        }
        watch.lap(LaneMetrics.Phase.LOCK);
        List<SendTask> fresh = new ArrayList<>(ready.size());
        Map<Long, SendTask> freshById = new HashMap<>();
        long ttl = ctx.settings().lockTtlMillis();
        for (SendTask t : ready) {
            if (t.fresh && now - t.sendTime() >= ttl) {
                // Claimed a lock TTL ago or more: a resend elsewhere may have re-driven (written) it
                // meanwhile, so it is completed the idempotent way, skipping members who hold it.
                t.fresh = false;
            }
            if (t.fresh) {
                fresh.add(t);
                freshById.put(t.msgId(), t);
            }
        }
        holding(held);
        for (SendTask t : ready) {
            if (t.fresh) {
                continue;
            }
            SendTask first = freshById.get(t.msgId());
            if (first != null) {
                // a resend of a message this very batch writes: it gets the same answer
                first.answer.whenComplete((r, e) -> {
                    if (e == null) {
                        t.answer.complete(new SendResult(r.msgId(), r.seq(), r.sendTime(), t.request.clientMsgId()));
                    } else {
                        fail(t, e);
                    }
                });
            } else if (now - t.sendTime() < ttl) {
                // The attempt that claimed it may still be writing it (on another node, before taking
                // this lock): only it writes a claim younger than the lock TTL, so nothing is doubled.
                fail(t, ImException.stackless(ErrorCode.BUSY,
                        "the first attempt of this client_msg_id is still being stored; resend shortly"));
            } else {
                redrive(t);
            }
        }
        try {
            write(fresh, held, now);
        } finally {
            holding(List.of());
        }
        ctx.metrics().batch(batch.size(), System.nanoTime() - startNanos);
    }

    /** Send checks and group members for every task, misses answered in parallel; refusals answered. */
    private List<SendTask> check(List<SendTask> tasks) {
        List<CompletableFuture<SendGrant>> grants = new ArrayList<>(tasks.size());
        List<CompletableFuture<GroupMembers>> members = new ArrayList<>(tasks.size());
        for (SendTask t : tasks) {
            if (t.grant != null) { // a retry: checked already
                grants.add(CompletableFuture.completedFuture(t.grant));
                members.add(CompletableFuture.completedFuture(null));
                continue;
            }
            grants.add(ctx.authorizer().authorizeAsync(t.caller.tenantId(), t.caller.userId(), t.request.convType(),
                    t.request.toId()));
            members.add(t.request.convType() == 1 ? CompletableFuture.completedFuture(null)
                    : ctx.directory().membersAsync(t.request.toId()));
        }
        List<SendTask> out = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            SendTask t = tasks.get(i);
            try {
                t.grant = grants.get(i).join();
                if (t.audience == null) {
                    t.audience = audience(t, members.get(i).join());
                }
            } catch (CompletionException e) {
                fail(t, e.getCause());
                continue;
            }
            if (t.audience.size() > ctx.settings().maxLaneMembers()) {
                ctx.largeGroups().send(t.caller, t.request).whenComplete((r, e) -> {
                    if (e == null) {
                        t.answer.complete(r);
                    } else {
                        fail(t, e);
                    }
                });
            } else {
                out.add(t);
            }
        }
        return out;
    }

    private static List<Long> audience(SendTask t, GroupMembers members) {
        if (t.conv.single()) {
            return List.of(t.conv.convId(), t.conv.convPeer());
        }
        TreeSet<Long> all = new TreeSet<>(members.userIds());
        all.add(t.caller.userId()); // the check admitted the sender when it sent
        return List.copyOf(all);
    }

    /**
     * Reads the dedup claims of {@code need} (the tasks of this batch that asked for one): repeats are
     * answered or marked for re-driving, fresh sends go on.
     *
     * @return the tasks of {@code tasks} still to write or re-drive
     */
    private List<SendTask> claimed(List<SendTask> tasks, List<SendTask> need, List<SendDedup.Claim> found) {
        for (int i = 0; i < need.size(); i++) {
            SendTask t = need.get(i);
            SendDedup.Claim c = found.get(i);
            if (c == t.claim) {
                t.fresh = true;
            } else if (c.convType() != t.request.convType() || c.toId() != t.request.toId()) {
                fail(t, ImException.stackless(ErrorCode.BAD_REQUEST,
                        "client_msg_id already used for another conversation"));
            } else if (c.answered() && c.seq() > 0) {
                ctx.metrics().duplicate();
                t.answer.complete(new SendResult(c.msgId(), c.seq(), c.sendTime(), t.request.clientMsgId()));
            } else {
                t.claim = c; // claimed by an earlier attempt that was never answered: re-drive it
                t.fresh = false;
            }
        }
        return tasks.stream().filter(t -> !t.answer.isDone()).toList();
    }

    private void waitForLock(SendTask t) {
        long waited = System.nanoTime() - t.queuedNanos;
        if (waited > TimeUnit.MILLISECONDS.toNanos(ctx.settings().maxWaitMillis())) {
            refuseUnwritten(t, ImException.stackless(ErrorCode.BUSY, "conversation busy on another node, resend"));
            return;
        }
        ctx.metrics().lockBusy();
        waiting.computeIfAbsent(t.conv, c -> new ArrayDeque<>()).add(t);
        retryAt.putIfAbsent(t.conv, System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(ctx.settings().lockRetryMillis()));
    }

    /**
     * A send whose client_msg_id an earlier, unanswered attempt claimed: whatever that attempt wrote is
     * completed (the repair writes the missing entries), and the sender gets the original message.
     */
    private void redrive(SendTask t) {
        try {
            // the lock was asked for with this attempt's id: name the original one in its dirty list too,
            // so that a sweep completes it if this node dies while re-driving (the lock is ours: re-entrant)
            ctx.locks().acquire(owner, Map.of(t.conv, List.of(t.msgId())), ctx.clock().getAsLong());
            ctx.writer().storeContent(t);
            if (!ctx.repair().repair(t.conv, List.of(t.msgId()))) {
                fail(t, ImException.stackless(ErrorCode.BUSY, "Failed to complete the original message, resend"));
                return;
            }
            long seq = ctx.writer().seqOf(t.caller.userId(), t.msgId());
            ctx.dedup().answered(t.caller.userId(), t.request.clientMsgId(), t.claim, seq);
            t.answer.complete(new SendResult(t.msgId(), seq, t.sendTime(), t.request.clientMsgId()));
        } catch (SQLException | RuntimeException e) {
            fail(t, BatchWriter.busy("Failed to re-drive message " + t.msgId(), e));
        }
    }

    private void write(List<SendTask> fresh, List<ConversationKey> held, long now) {
        if (fresh.isEmpty()) {
            release(held);
            return;
        }
        Map<Long, List<UnreadEntry>> unread = new HashMap<>();
        List<BatchWriter.Written> written;
        try {
            written = writeRetrying(fresh, now, unread);
        } catch (ImException | RuntimeException e) {
            log.warn("Failed to write a batch of {} sends: {}", fresh.size(), e.toString());
            ImException answer = ImException.stackless(ErrorCode.BUSY,
                    "store failed; the message may be completed later: resend with the same client_msg_id");
            fresh.forEach(t -> fail(t, answer));
            try {
                ctx.locks().abandon(owner, held); // the dirty marks stay: the next writer repairs
            } catch (RuntimeException suppressed) {
                log.warn("Failed to give up conversation locks: {}", suppressed.toString());
            }
            return;
        }
        ctx.finisher().finish(owner, written, held, unread);
        watch.lap(LaneMetrics.Phase.FINISH);
    }

    /**
     * Writes a batch, again (up to {@value #WRITE_ATTEMPTS} times, with new seqs) after a failure that
     * left no entry committed: a seq counter lost mid-allocation, a seq handed out twice after a Redis
     * loss (the counters first move past their persisted section ends), a statement that failed.
     */
    private List<BatchWriter.Written> writeRetrying(List<SendTask> fresh, long now,
                                                    Map<Long, List<UnreadEntry>> unread) throws ImException {
        for (int attempt = 1; ; attempt++) {
            try {
                return ctx.writer().write(fresh, now, unread, watch);
            } catch (BatchWriter.Uncertain e) {
                throw e;
            } catch (ImException e) {
                if (attempt == WRITE_ATTEMPTS) {
                    throw e;
                }
                log.warn("Failed to write a batch of {} sends (attempt {}), retrying: {}", fresh.size(), attempt,
                        e.getMessage());
                unread.clear();
                if (DuplicateKeys.isDuplicate(e)) {
                    ctx.writer().skipToSectionEnds(fresh);
                }
            }
        }
    }

    private void release(List<ConversationKey> held) {
        try {
            ctx.locks().release(owner, held);
        } catch (RuntimeException e) {
            log.warn("Failed to release conversation locks (they expire): {}", e.toString());
        }
    }

    /**
     * Refuses a send before anything of it was written. A fresh claim is dropped first, so that the
     * resend is written at once instead of being refused for a lock TTL as one that may still be
     * stored; a re-driven claim belongs to an earlier attempt and stays.
     */
    private void refuseUnwritten(SendTask t, ImException answer) {
        if (!t.fresh) {
            fail(t, answer);
            return;
        }
        ctx.dedup().release(t.caller.userId(), t.request.clientMsgId(), t.claim).whenComplete((released, e) -> {
            if (e != null) {
                log.warn("Failed to drop the claim of a refused send (a resend waits a lock TTL): {}", e.toString());
            }
            fail(t, answer);
        });
    }

    static void fail(SendTask t, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        t.answer.completeExceptionally(cause instanceof ImException ? cause
                : new ImException(ErrorCode.BUSY, "send failed: " + cause, cause));
    }
}
