package im.logic.lane;

import im.api.message.ConversationKey;
import im.api.message.MessageSentEvent;
import im.logic.event.EventPublisher;
import im.logic.message.StoredMessage;
import im.logic.push.Pusher;
import im.logic.send.SendDedup;
import im.logic.unread.UnreadCounter;
import im.logic.unread.UnreadEntry;
import im.logic.unread.UnreadMerger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a stored batch, in the order that keeps every guarantee: unread increments, the dedup
 * answers and the conversations' releases in one pipeline, the releases after the increments, so the
 * next writer of a conversation counts after this one (a user whose unread lock a read holds is
 * applied under that lock right after, and then the locks are released); then the senders are
 * answered; pushes and events (one RocketMQ batch per batch of sends) run on {@code after}, off the
 * lane. Thread-safe.
 */
public final class BatchFinisher {
    private static final Logger log = LoggerFactory.getLogger(BatchFinisher.class);

    private final RedissonClient redis;
    private final SendDedup dedup;
    private final ConvLocks locks;
    private final UnreadCounter unread;
    private final UnreadMerger merger;
    private final int mergeFromMembers;
    private final EventPublisher events;
    private final Pusher pusher;
    private final Executor after;

    /**
     * @param mergeFromMembers messages with at least this many members have their unread increments
     *                         merged ({@link UnreadMerger}); smaller ones are counted before the answer
     * @param after            bounded executor for pushes and events (a full queue drops pushes only:
     *                         clients catch up by SYNC; events are published on the lane then)
     */
    public BatchFinisher(RedissonClient redis, SendDedup dedup, ConvLocks locks, UnreadCounter unread, UnreadMerger merger,
                  int mergeFromMembers, EventPublisher events, Pusher pusher, Executor after) {
        this.redis = redis;
        this.dedup = dedup;
        this.locks = locks;
        this.unread = unread;
        this.merger = merger;
        this.mergeFromMembers = mergeFromMembers;
        this.events = events;
        this.pusher = pusher;
        this.after = after;
    }

    void finish(String owner, List<BatchWriter.Written> written, List<ConversationKey> held,
                Map<Long, List<UnreadEntry>> increments) {
        Map<Long, List<UnreadEntry>> counted = new HashMap<>();
        List<UnreadEntry> merged = new ArrayList<>();
        split(written, increments, counted, merged);
        // The locks are released in the same pipeline unless an unread update had to wait for a user's
        // lock (a read holds it): then they stay until that update is applied, below.
        String refusedFlag = "im:lane:unread-waiting:" + owner;
        boolean released = false;
        try {
            RBatch batch = redis.createBatch();
            for (BatchWriter.Written w : written) {
                dedup.addAnswered(batch, w.task().caller.userId(), w.task().request.clientMsgId(), w.task().claim,
                        w.senderSeq());
            }
            Supplier<Set<Long>> refused = unread.addApplyUnlocked(batch, counted, refusedFlag);
            Supplier<Boolean> unlocked = locks.addReleasesUnless(batch, owner, held, refusedFlag);
            batch.execute();
            released = unlocked.get();
            for (Long user : refused.get()) {
                unread.apply(user, counted.get(user));
            }
        } catch (Exception e) {
            // Stored and durable: the answer stands. A resend finds the claim unanswered and re-drives
            // (which answers the original); unread is recounted at the user's next read.
            log.warn("Failed to record answers or unread of {} messages: {}", written.size(), e.toString());
        }
        if (!merged.isEmpty()) {
            merger.add(merged);
        }
        if (!released) {
            try {
                RBatch batch = redis.createBatch();
                locks.addReleases(batch, owner, held);
                batch.getBucket(refusedFlag).deleteAsync();
                batch.execute();
            } catch (RuntimeException e) {
                log.warn("Failed to release {} conversation locks (they expire): {}", held.size(), e.toString());
            }
        }
        for (BatchWriter.Written w : written) {
            w.task().answer.complete(w.result());
        }
        try {
            after.execute(() -> deliver(written));
        } catch (RejectedExecutionException e) {
            log.warn("Push queue full: {} messages left to SYNC", written.size());
            archive(written);
        }
    }

    /** Increments counted before the answer (small conversations) or merged (large ones). */
    private void split(List<BatchWriter.Written> written, Map<Long, List<UnreadEntry>> increments,
                       Map<Long, List<UnreadEntry>> counted, List<UnreadEntry> merged) {
        if (written.stream().allMatch(w -> w.task().audience.size() < mergeFromMembers)) {
            counted.putAll(increments);
            return;
        }
        for (BatchWriter.Written w : written) {
            boolean large = w.task().audience.size() >= mergeFromMembers;
            StoredMessage m = w.message();
            w.rows().forEach((user, row) -> {
                if (user == m.fromUserId()) {
                    return;
                }
                UnreadEntry e = new UnreadEntry(user, row.convType(), row.convId(), row.seq());
                if (large) {
                    merged.add(e);
                } else {
                    counted.computeIfAbsent(user, u -> new ArrayList<>()).add(e);
                }
            });
        }
    }

    private void deliver(List<BatchWriter.Written> written) {
        archive(written);
        List<Pusher.Push> pushes = new ArrayList<>(written.size());
        for (BatchWriter.Written w : written) {
            pushes.add(new Pusher.Push(w.message(), w.entries(), w.task().caller));
        }
        try {
            pusher.entriesBatch(pushes);
        } catch (RuntimeException e) {
            log.warn("Failed to push {} messages: {}", written.size(), e.toString());
        }
    }

    /** The batch's sent events, published in RocketMQ batches rather than one send per message. */
    private void archive(List<BatchWriter.Written> written) {
        List<MessageSentEvent> sent = new ArrayList<>(written.size());
        for (BatchWriter.Written w : written) {
            sent.add(w.message().sentEvent(w.task().audience));
        }
        events.sentAll(sent);
    }
}
