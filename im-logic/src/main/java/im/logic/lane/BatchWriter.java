package im.logic.lane;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageEntry;
import im.api.message.SendResult;
import im.infra.db.PhysicalShards;
import im.infra.db.SqlPacket;
import im.logic.conversation.ConversationRow;
import im.logic.conversation.ConversationStore;
import im.logic.message.MessageStore;
import im.logic.message.StoredMessage;
import im.logic.send.SendDedup;
import im.logic.seq.SeqAllocator;
import im.logic.timeline.TimelineRow;
import im.logic.timeline.TimelineStore;
import im.logic.unread.UnreadEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Writes a batch of new messages whose conversations the caller has locked, with the work shared
 * across the batch: one script call allocates every seq, one transaction per physical database
 * stores the contents ({@code message}), a second one the streams and conversations
 * ({@code user_timeline}, {@code conversation}), in multi-row statements per physical table. This is
 * the hot path, so it writes batched JDBC straight into the physical tables ({@link PhysicalShards}):
 * through ShardingSphere every new statement shape is parsed by ANTLR and every statement builds its
 * executors under a class-loader lock, which serialised the lanes. Contents are committed before any entry names
 * them, so no stream ever holds an entry without its content; a failure after the first commit
 * leaves messages that the conversation's next writer repairs (see {@link ConvLocks}).
 *
 * <p>Within the batch messages keep their order: each member's seqs are handed out in batch order, so
 * a conversation's messages are in one and the same order in every member's stream. Conversations
 * get one upsert per member with the batch's last entry (merged, like unread). Not thread-safe: one
 * per lane.
 */
public final class BatchWriter {
    private final PhysicalShards shards;
    private final TimelineStore timeline;
    private final SeqAllocator seqs;

    /**
     * @param shards the {@code msg} database's physical databases: the batch is written straight into
     *               the physical tables (see {@link PhysicalShards} for why and how routing agrees)
     */
    public BatchWriter(PhysicalShards shards, TimelineStore timeline, SeqAllocator seqs) {
        this.shards = shards;
        this.timeline = timeline;
        this.seqs = seqs;
    }

    /**
     * A store failure after which part of the entries may be committed (a commit failed on one
     * physical database after another one committed): the batch must not be written again with new
     * seqs; the conversations' next writer repairs it.
     */
    static final class Uncertain extends ImException {
        private static final long serialVersionUID = 1L;

        Uncertain(String message, Throwable cause) {
            super(ErrorCode.BUSY, message, cause);
        }
    }

    /** What a written message became: its stored form and each member's new entry. */
    record Written(SendTask task, StoredMessage message, Map<Long, TimelineRow> rows, long senderSeq) {
        SendResult result() {
            return new SendResult(message.msgId(), senderSeq, message.sendTime(), task.request.clientMsgId());
        }

        Map<Long, MessageEntry> entries() {
            Map<Long, MessageEntry> out = new HashMap<>(rows.size() * 2);
            rows.forEach((user, row) -> out.put(user, im.logic.timeline.EntryAssembler.entry(row, message)));
            return out;
        }
    }

    /**
     * Stores every task's message and entries.
     *
     * @param unread filled with the unread increments the entries call for (recipients only), by user
     * @throws ImException {@code BUSY} when Redis or the database failed; part of the batch may be
     *                     stored (the caller keeps the dirty marks for the repair)
     */
    List<Written> write(List<SendTask> tasks, long now, Map<Long, List<UnreadEntry>> unread,
                        LaneMetrics.Stopwatch watch) throws ImException {
        Map<Long, Integer> counts = new LinkedHashMap<>();
        for (SendTask t : tasks) {
            for (Long user : t.audience) {
                counts.merge(user, 1, Integer::sum);
            }
        }
        Map<Long, Long> last = seqs.nextRanges(counts);
        watch.lap(LaneMetrics.Phase.SEQ);
        Map<Long, Long> next = new HashMap<>(last.size() * 2);
        last.forEach((user, seq) -> next.put(user, seq - counts.get(user) + 1));

        List<StoredMessage> stored = new ArrayList<>(tasks.size());
        List<TimelineRow> rows = new ArrayList<>();
        Map<String, ConversationRow> convRows = new LinkedHashMap<>();
        List<Written> written = new ArrayList<>(tasks.size());
        for (SendTask t : tasks) {
            StoredMessage m = message(t);
            stored.add(m);
            Map<Long, TimelineRow> mine = new HashMap<>(t.audience.size() * 2);
            long senderSeq = 0;
            for (Long user : t.audience) {
                long seq = next.merge(user, 1L, Long::sum) - 1;
                long convId = convIdSeenBy(user, m);
                TimelineRow row = new TimelineRow(user, seq, m.msgId(), MessageEntry.KIND_NORMAL, m.convType(),
                        convId, 0, now, m.fromUserId());
                rows.add(row);
                mine.put(user, row);
                // one upsert per member and conversation: the batch's last entry wins
                convRows.put(user + ":" + m.convType() + ":" + convId,
                        new ConversationRow(user, m.convType(), convId, m.msgId(), seq, 0, 0, now));
                if (user == m.fromUserId()) {
                    senderSeq = seq;
                } else {
                    unread.computeIfAbsent(user, u -> new ArrayList<>())
                            .add(new UnreadEntry(user, m.convType(), convId, seq));
                }
            }
            written.add(new Written(t, m, mine, senderSeq));
        }
        // Rows in key order: two nodes' batches that share users then lock the rows they share in the
        // same order, so InnoDB never picks one of them as a deadlock victim.
        stored.sort(Comparator.comparingLong(StoredMessage::msgId));
        rows.sort(Comparator.comparingLong(TimelineRow::userId).thenComparingLong(TimelineRow::seq));
        List<ConversationRow> lastRows = new ArrayList<>(convRows.values());
        lastRows.sort(Comparator.comparingLong(ConversationRow::userId).thenComparingInt(ConversationRow::convType)
                .thenComparingLong(ConversationRow::convId));
        try {
            for (int db = 0; db < shards.databaseCount(); db++) {
                if (shards.anyIn(db, stored, StoredMessage::msgId)) { // a database with nothing to do is not asked
                    contents(db, stored).commitOn(shards, db);
                }
            }
        } catch (SQLException e) {
            throw new ImException(ErrorCode.BUSY, "Failed to store a batch of " + tasks.size() + " messages: " + e, e);
        }
        watch.lap(LaneMetrics.Phase.CONTENTS);
        // Every database's statements are sent before any commit, the last database's with its COMMIT in
        // the same packet: a statement that fails (a seq reused after a Redis loss) stops its packet
        // before the COMMIT and leaves nothing committed anywhere, so the batch can be written again;
        // only a failed commit after another database committed leaves the outcome uncertain.
        List<Integer> targets = new ArrayList<>(shards.databaseCount());
        for (int db = 0; db < shards.databaseCount(); db++) {
            if (shards.anyIn(db, rows, TimelineRow::userId)) { // conversation rows live with their user's timeline rows
                targets.add(db);
            }
        }
        List<Connection> open = new ArrayList<>(targets.size());
        try {
            try {
                for (int i = 0; i < targets.size(); i++) {
                    int db = targets.get(i);
                    Connection c = PhysicalShards.begin(shards.database(db).getConnection());
                    open.add(c);
                    SqlPacket entries = entries(shards, db, rows, lastRows);
                    if (i == targets.size() - 1) {
                        entries.commit();
                    }
                    entries.execute(c);
                }
            } catch (SQLException e) {
                open.forEach(c -> close(c, true));
                open.clear();
                throw new ImException(ErrorCode.BUSY, "Failed to store the entries of " + tasks.size() + " messages: "
                        + e, e);
            }
            if (!open.isEmpty()) {
                close(open.remove(open.size() - 1), false); // committed in its packet
            }
            while (!open.isEmpty()) {
                Connection c = open.get(0);
                try {
                    c.commit();
                    open.remove(0);
                    close(c, false);
                } catch (SQLException e) {
                    throw new Uncertain("Failed to commit the entries of " + tasks.size() + " messages: " + e, e);
                }
            }
        } finally {
            open.forEach(c -> close(c, true)); // never committed: rolled back
        }
        watch.lap(LaneMetrics.Phase.ENTRIES);
        return written;
    }

    /** Moves every audience member's seq counter past its persisted section end (after a reused seq). */
    void skipToSectionEnds(List<SendTask> tasks) throws ImException {
        Set<Long> users = new HashSet<>();
        tasks.forEach(t -> users.addAll(t.audience));
        seqs.skipToSectionEnd(users);
    }

    static StoredMessage message(SendTask t) {
        return new StoredMessage(t.msgId(), t.caller.tenantId(), t.request.convType(), t.request.toId(),
                t.caller.userId(), t.request.clientMsgId(), t.request.contentType(), t.request.text(),
                t.request.payload(), t.request.needReceipt() || t.request.convType() == 1, t.request.mentions(),
                t.sendTime(), false);
    }

    /** Stores one message's content if it is not there yet (a re-driven send), in its own transaction. */
    void storeContent(SendTask t) throws SQLException {
        StoredMessage m = message(t);
        int db = shards.databaseOfTable(shards.tableOf(m.msgId()));
        contents(db, List.of(m)).commitOn(shards, db);
    }

    private SqlPacket contents(int db, List<StoredMessage> stored) {
        return new SqlPacket().rows(shards, db, "message", "INSERT IGNORE INTO ", MessageStore.COLUMNS,
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "", stored, StoredMessage::msgId, MessageStore::bind);
    }

    /**
     * The timeline rows and conversation upserts (users' last entries) that live in database {@code db},
     * in one packet: with its commit, a whole batch's entries there in one round trip.
     */
    public static SqlPacket entries(PhysicalShards shards, int db, List<TimelineRow> rows,
                                    List<ConversationRow> lastRows) {
        return new SqlPacket()
                .rows(shards, db, "user_timeline", "INSERT INTO ", TimelineStore.COLUMNS, "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        "", rows, TimelineRow::userId, TimelineStore::bind)
                .rows(shards, db, "conversation", "INSERT INTO ", ConversationStore.COLUMNS, "(?, ?, ?, ?, ?, 0, 0, ?)",
                        ConversationStore.TOUCH_LAST_UPDATE, lastRows, ConversationRow::userId,
                        ConversationStore::bindLast);
    }

    private static void close(Connection c, boolean rollback) {
        if (c == null) {
            return;
        }
        try {
            if (rollback) {
                c.rollback();
            }
            c.close();
        } catch (SQLException e) {
            // the pool discards a broken connection
        }
    }

    /** SINGLE: the other user seen from {@code user}; GROUP: the group. */
    static long convIdSeenBy(long user, StoredMessage message) {
        if (message.convType() != 1) {
            return message.convId();
        }
        return user == message.fromUserId() ? message.convId() : message.fromUserId();
    }

    /** The seq given {@code (user, kind NORMAL)} of a message already written, 0 when none. */
    long seqOf(long user, long msgId) throws SQLException {
        return timeline.seqOf(user, msgId, MessageEntry.KIND_NORMAL);
    }

    static ImException busy(String what, Throwable e) {
        return new ImException(ErrorCode.BUSY, what + ": " + e, e);
    }

    static SendDedup.Claim claimOf(long msgId, long now, SendTask t) {
        return new SendDedup.Claim(msgId, now, t.request.convType(), t.request.toId(), 0, false);
    }
}
