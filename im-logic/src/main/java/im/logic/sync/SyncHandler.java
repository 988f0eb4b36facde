package im.logic.sync;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageEntry;
import im.api.message.SyncResult;
import im.logic.message.MessageStore;
import im.logic.message.StoredMessage;
import im.logic.seq.SeqAllocator;
import im.logic.timeline.EntryAssembler;
import im.logic.timeline.TimelineRow;
import im.logic.timeline.TimelineStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code SYNC}: a page of the caller's stream after a seq, with the messages' content.
 *
 * <p>A young gap ends the page: entries of one user are written by several conversations' fan-outs
 * at once, so seq 11 can be durable while seq 10 is still being written. Returning 11 would make the
 * client sync from 11 next time and miss 10 for ever. So the page stops before a gap whose next entry
 * is younger than {@code gapGraceMillis}; an older gap is permanent (a failed write, or a seq jump after
 * a Redis loss) and is passed. Thread-safe.
 */
public final class SyncHandler {
    private final TimelineStore timeline;
    private final MessageStore messages;
    private final SeqAllocator seqs;
    private final long gapGraceMillis;
    private final LongSupplier clock;

    public SyncHandler(TimelineStore timeline, MessageStore messages, SeqAllocator seqs, long gapGraceMillis,
                       LongSupplier clock) {
        this.timeline = timeline;
        this.messages = messages;
        this.seqs = seqs;
        this.gapGraceMillis = gapGraceMillis;
        this.clock = clock;
    }

    public SyncResult sync(long userId, long sinceSeq, int limit) throws ImException {
        try {
            List<TimelineRow> rows = timeline.after(userId, sinceSeq, limit + 1);
            boolean hasMore = rows.size() > limit;
            List<TimelineRow> page = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
            long now = clock.getAsLong();
            long previous = sinceSeq;
            for (int i = 0; i < page.size(); i++) {
                TimelineRow row = page.get(i);
                if (row.seq() != previous + 1 && now - row.createTime() < gapGraceMillis) {
                    page = page.subList(0, i);
                    hasMore = false;
                    break;
                }
                previous = row.seq();
            }
            Map<Long, StoredMessage> content = messages.findAll(page.stream().map(TimelineRow::msgId).toList());
            List<MessageEntry> entries = new ArrayList<>(page.size());
            for (TimelineRow row : page) {
                entries.add(EntryAssembler.entry(row, content.get(row.msgId())));
            }
            long maxSeq = Math.max(seqs.current(userId), page.isEmpty() ? 0 : page.get(page.size() - 1).seq());
            return new SyncResult(entries, hasMore, maxSeq);
        } catch (SQLException | RuntimeException e) {
            throw new ImException(ErrorCode.BUSY, "Failed to sync the stream of user " + userId + ": " + e, e);
        }
    }
}
