package im.logic.read;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageReadEvent;
import im.api.message.ReadResult;
import im.api.message.SessionCaller;
import im.logic.event.EventPublisher;
import im.logic.seq.SeqAllocator;
import im.logic.timeline.TimelineStore;
import java.sql.SQLException;
import im.logic.unread.UnreadCounter;
import java.util.function.LongSupplier;

/**
 * {@code READ}: moves the caller's read seq in a conversation (never back), recounts its unread and
 * publishes a {@link MessageReadEvent} for im-receipt-service when the read seq moved. Thread-safe.
 */
public final class ReadHandler {
    private final UnreadCounter unread;
    private final SeqAllocator seqs;
    private final TimelineStore timeline;
    private final EventPublisher events;
    private final LongSupplier clock;

    public ReadHandler(UnreadCounter unread, SeqAllocator seqs, TimelineStore timeline, EventPublisher events,
                       LongSupplier clock) {
        this.unread = unread;
        this.seqs = seqs;
        this.timeline = timeline;
        this.events = events;
        this.clock = clock;
    }

    public ReadResult read(SessionCaller caller, int convType, long convId, long readSeq) throws ImException {
        long maxSeq = seqs.current(caller.userId());
        if (maxSeq == 0) {
            maxSeq = maxInStream(caller.userId()); // the counter was lost; the stream still knows
        }
        long[] after = unread.read(caller.userId(), convType, convId, readSeq, maxSeq);
        if (after[3] == 1) {
            events.read(new MessageReadEvent(caller.tenantId(), caller.userId(), convType, convId, after[0],
                    clock.getAsLong()));
        }
        return new ReadResult(convType, convId, after[0], (int) after[1], (int) after[2]);
    }

    private long maxInStream(long userId) throws ImException {
        try {
            return timeline.maxSeq(userId);
        } catch (SQLException e) {
            throw new ImException(ErrorCode.BUSY, "Failed to read the stream of user " + userId + ": " + e, e);
        }
    }
}
