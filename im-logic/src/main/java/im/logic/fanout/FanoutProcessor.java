package im.logic.fanout;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageEntry;
import im.infra.db.PhysicalShards;
import im.logic.conversation.ConversationRow;
import im.logic.lane.BatchWriter;
import im.logic.message.GroupEventText;
import im.logic.message.MessageStore;
import im.logic.message.StoredMessage;
import im.logic.seq.SeqAllocator;
import im.logic.timeline.TimelineRow;
import im.logic.timeline.TimelineStore;
import im.logic.unread.UnreadCounter;
import im.logic.unread.UnreadEntry;
import im.logic.unread.UnreadMerger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one fan-out job into the members' streams: one seq per member (the sender's own copy
 * included), {@code user_timeline} rows and the conversations' last entry in multi-row statements, one
 * transaction per physical database, then the unread increments. Members are processed in chunks of
 * {@value #CHUNK} on the bounded {@code writers} pool. The caller holds the conversation's lock ({@link ConversationFanout}), so
 * one conversation's jobs are written one after the other and every member sees them in one order.
 * Only messages (kind NORMAL) move conversations and unread counts; RECALL and GROUP_EVENT entries are
 * stream entries only.
 *
 * <p>A retried job (attempts above 0) first looks up which members already hold the entry and skips
 * them: a member gets an entry exactly once. From the third attempt on (an earlier one failed, which
 * a seq handed out twice by a stale Redis replica does), it also moves the others' counters past their
 * persisted section end, so such a seq is never reused. The second attempt does not: a writer that
 * died mid-job leaves the counters right, and a skip would leave a gap in every member's stream,
 * which a client syncing at once reads as the end of its stream.
 */
public final class FanoutProcessor {
    private static final Logger log = LoggerFactory.getLogger(FanoutProcessor.class);
    /** Members per seq batch and timeline statement group. */
    static final int CHUNK = 1000;

    private final FanoutJobStore jobs;
    private final MessageStore messages;
    private final MemberDirectory directory;
    private final SeqAllocator seqs;
    private final TimelineStore timeline;
    private final PhysicalShards shards;
    private final UnreadCounter unread;
    private final UnreadMerger merger;
    private final int mergeFromMembers;
    private final ExecutorService writers;
    private final LongSupplier clock;
    private final Timer seqTime;
    private final Timer entriesTime;
    private final Timer unreadTime;

    /**
     * @param mergeFromMembers conversations with at least this many members get merged unread
     *                         increments ({@link UnreadMerger}); smaller ones are counted at once
     * @param shards           the msg database's physical databases: entries are written straight into them
     * @param writers          bounded pool writing a large job's chunks in parallel
     */
    public FanoutProcessor(FanoutJobStore jobs, MessageStore messages, MemberDirectory directory, SeqAllocator seqs,
                           TimelineStore timeline, PhysicalShards shards, UnreadCounter unread,
                           UnreadMerger merger, int mergeFromMembers, ExecutorService writers, LongSupplier clock,
                           MeterRegistry metrics) {
        this.jobs = jobs;
        this.messages = messages;
        this.directory = directory;
        this.seqs = seqs;
        this.timeline = timeline;
        this.shards = shards;
        this.unread = unread;
        this.merger = merger;
        this.mergeFromMembers = mergeFromMembers;
        this.writers = writers;
        this.clock = clock;
        this.seqTime = phase(metrics, "seq");
        this.entriesTime = phase(metrics, "entries");
        this.unreadTime = phase(metrics, "unread");
    }

    /** Time per chunk of up to {@value #CHUNK} members spent in one phase of the fan-out. */
    private static Timer phase(MeterRegistry metrics, String phase) {
        return Timer.builder("im.fanout.chunk.phase").tag("phase", phase)
                .description("time per fan-out chunk in one phase").register(metrics);
    }

    /**
     * Processes one pending job; the caller holds the conversation's lock.
     *
     * @return what was written, for events and pushes; empty when the job was dropped (its message or
     *         group no longer exists)
     * @throws ImException {@code BUSY} when a store failed: the job stays pending and is retried
     */
    public Optional<Delivery> process(FanoutJob job) throws ImException {
        try {
            long now = clock.getAsLong();
            jobs.startAttempt(job, now);
            Optional<StoredMessage> found = messages.find(job.msgId());
            if (found.isEmpty()) {
                log.error("Failed to fan out: message missing, dropping job {jobId={}, msgId={}}", job.jobId(),
                        job.msgId());
                jobs.markDone(job, 0, now);
                return Optional.empty();
            }
            StoredMessage message = found.get();
            List<Long> members;
            try {
                members = members(job, message);
            } catch (ImException e) {
                if (e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
                log.warn("Dropping fan-out of a message to a dismissed group {jobId={}, groupId={}}", job.jobId(),
                        job.convId());
                jobs.markDone(job, 0, now);
                return Optional.empty();
            }
            List<Long> targets = members;
            if (job.attempts() > 0) {
                Set<Long> holders = timeline.holders(members, job.msgId(), job.kind());
                targets = members.stream().filter(u -> !holders.contains(u)).toList();
                if (job.attempts() > 1) {
                    seqs.skipToSectionEnd(targets);
                }
                log.info("Retrying fan-out {jobId={}, msgId={}, attempt={}, alreadyWritten={}, remaining={}}",
                        job.jobId(), job.msgId(), job.attempts() + 1, holders.size(), targets.size());
            }
            Map<Long, Long> written = write(job, message, targets, members.size(), now);
            long senderSeq = written.getOrDefault(job.operatorId(), 0L);
            jobs.markDone(job, senderSeq, clock.getAsLong());
            return Optional.of(new Delivery(job, message, members, written, senderSeq));
        } catch (SQLException e) {
            throw new ImException(ErrorCode.BUSY, "Failed to fan out job " + job.jobId() + ": " + e, e);
        }
    }

    private List<Long> members(FanoutJob job, StoredMessage message) throws ImException {
        if (job.convType() == 1) {
            return List.of(job.convId(), job.convPeer());
        }
        if (job.kind() == MessageEntry.KIND_GROUP_EVENT) {
            return groupEventAudience(job, message);
        }
        // Sorted and including the sender, which the group check admitted when it sent.
        Set<Long> all = new TreeSet<>(directory.members(job.convId()).userIds());
        all.add(message.fromUserId());
        return List.copyOf(all);
    }

    /**
     * A group event reaches the members now and everyone it names: a removed member learns that it was
     * removed, and a dismissed group (which has no members any more) reaches the members it had, as far
     * as its text lists them ({@link GroupEventText#MAX_LISTED_USERS}).
     */
    private List<Long> groupEventAudience(FanoutJob job, StoredMessage message) throws ImException {
        Set<Long> all;
        try {
            all = new TreeSet<>(GroupEventText.users(message.text()));
        } catch (IllegalArgumentException e) {
            log.error("Failed to read group event content {jobId={}, msgId={}}: {}", job.jobId(), job.msgId(),
                    e.getMessage());
            all = new TreeSet<>();
        }
        try {
            all.addAll(directory.members(job.convId()).userIds());
        } catch (ImException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
        }
        return List.copyOf(all);
    }

    private Map<Long, Long> write(FanoutJob job, StoredMessage message, List<Long> targets, int memberCount, long now)
            throws ImException, SQLException {
        List<Future<Map<Long, Long>>> parts = new ArrayList<>();
        for (int from = 0; from < targets.size(); from += CHUNK) {
            List<Long> chunk = targets.subList(from, Math.min(targets.size(), from + CHUNK));
            if (targets.size() <= CHUNK) {
                return writeChunk(job, message, chunk, memberCount, now);
            }
            parts.add(writers.submit(() -> writeChunk(job, message, chunk, memberCount, now)));
        }
        Map<Long, Long> all = new HashMap<>();
        ImException failure = null;
        for (Future<Map<Long, Long>> part : parts) {
            try {
                all.putAll(part.get());
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof ImException ie ? ie
                        : new ImException(ErrorCode.BUSY, "Failed to write a fan-out chunk: " + e.getCause(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new ImException(ErrorCode.BUSY, "interrupted while fanning out", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return all;
    }

    private Map<Long, Long> writeChunk(FanoutJob job, StoredMessage message, List<Long> users, int memberCount,
                                       long now) throws ImException, SQLException {
        long t0 = System.nanoTime();
        Map<Long, Long> allocated = seqs.next(new LinkedHashSet<>(users));
        long t1 = System.nanoTime();
        seqTime.record(t1 - t0, TimeUnit.NANOSECONDS);
        List<TimelineRow> rows = new ArrayList<>(users.size());
        List<ConversationRow> convRows = new ArrayList<>(users.size());
        List<UnreadEntry> unreadEntries = new ArrayList<>(users.size());
        boolean normal = job.kind() == MessageEntry.KIND_NORMAL;
        for (Long user : users) {
            long seq = allocated.get(user);
            long convId = convIdSeenBy(user, message);
            rows.add(new TimelineRow(user, seq, job.msgId(), job.kind(), job.convType(), convId,
                    job.kind() == MessageEntry.KIND_RECALL ? job.msgId() : 0, now,
                    normal ? message.fromUserId() : job.operatorId()));
            if (normal) {
                convRows.add(new ConversationRow(user, job.convType(), convId, job.msgId(), seq, 0, 0, now));
                if (user != message.fromUserId()) {
                    unreadEntries.add(new UnreadEntry(user, job.convType(), convId, seq));
                }
            }
        }
        // rows and upserts straight into the physical tables, one transaction per database in one round
        // trip: through ShardingSphere each row was routed on its own and each table's batch committed alone
        for (int db = 0; db < shards.databaseCount(); db++) {
            if (shards.anyIn(db, rows, TimelineRow::userId)) {
                BatchWriter.entries(shards, db, rows, convRows).commitOn(shards, db);
            }
        }
        long t3 = System.nanoTime();
        entriesTime.record(t3 - t1, TimeUnit.NANOSECONDS);
        if (unreadEntries.isEmpty()) {
            return allocated;
        }
        if (memberCount >= mergeFromMembers) {
            merger.add(unreadEntries);
        } else {
            for (UnreadEntry e : unreadEntries) {
                unread.apply(e.userId(), List.of(e));
            }
        }
        unreadTime.record(System.nanoTime() - t3, TimeUnit.NANOSECONDS);
        return allocated;
    }

    /** SINGLE: the other user seen from {@code user}; GROUP: the group. */
    private static long convIdSeenBy(long user, StoredMessage message) {
        if (message.convType() != 1) {
            return message.convId();
        }
        return user == message.fromUserId() ? message.convId() : message.fromUserId();
    }

    /**
     * What a processed job wrote.
     *
     * @param members   everyone in the conversation when it was written
     * @param seqs      the seq each member got in this attempt (members written by an earlier attempt are absent)
     * @param senderSeq the operator's own entry, 0 when it has none from this attempt
     */
    public record Delivery(FanoutJob job, StoredMessage message, List<Long> members, Map<Long, Long> seqs,
                           long senderSeq) {
    }
}
