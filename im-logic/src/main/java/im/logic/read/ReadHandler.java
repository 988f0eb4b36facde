package im.logic.read;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageReadEvent;
import im.api.message.ReadResult;
import im.api.message.SessionCaller;
import im.api.org.GroupMembers;
import im.api.protocol.ConvType;
import im.logic.conversation.ConversationStore;
import im.logic.event.EventPublisher;
import im.logic.fanout.MemberDirectory;
import im.logic.message.MessageStore;
import im.logic.seq.SeqAllocator;
import im.logic.timeline.TimelineRow;
import im.logic.timeline.TimelineStore;
import im.logic.unread.UnreadCounter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code READ}: moves the caller's read seq in a conversation (never back), recounts its unread and,
 * when the read seq moved, publishes {@link MessageReadEvent}s for im-receipt-service naming the
 * receipt-needing messages from others that the move covered: the caller's own entries between the
 * previous and the new read seq, read page by page ({@value #PAGE} entries) from its stream, so a long
 * catch-up costs several small events, never one unbounded one.
 *
 * <p>Only a conversation the caller is in may be read; anything else is refused with
 * {@code FORBIDDEN} before anything is stored (no conversation row, unread entry or event): a group
 * the caller is a member of (the send path's member source), or a conversation the caller's own
 * stream already holds (its conversation row: a single chat with a message either way, or a group the
 * caller has left, whose unread it may still clear). Thread-safe.
 */
public final class ReadHandler {
    private static final Logger log = LoggerFactory.getLogger(ReadHandler.class);
    /** Stream entries per page of a covered range; also the most ids one event names. */
    static final int PAGE = MessageReadEvent.MAX_RECEIPT_IDS;

    private final UnreadCounter unread;
    private final SeqAllocator seqs;
    private final TimelineStore timeline;
    private final MessageStore messages;
    private final EventPublisher events;
    private final MemberDirectory members;
    private final ConversationStore conversations;
    private final LongSupplier clock;

    /**
     * @param members       group members as the send path sees them (its cache of im-org-service)
     * @param conversations the callers' conversation rows, for the conversations they hold already
     */
    public ReadHandler(UnreadCounter unread, SeqAllocator seqs, TimelineStore timeline, MessageStore messages,
                       EventPublisher events, MemberDirectory members, ConversationStore conversations,
                       LongSupplier clock) {
        this.unread = unread;
        this.members = members;
        this.conversations = conversations;
        this.seqs = seqs;
        this.timeline = timeline;
        this.messages = messages;
        this.events = events;
        this.clock = clock;
    }

    public ReadResult read(SessionCaller caller, int convType, long convId, long readSeq) throws ImException {
        checkIn(caller, convType, convId);
        long maxSeq = seqs.current(caller.userId());
        if (maxSeq == 0) {
            maxSeq = maxInStream(caller.userId()); // the counter was lost; the stream still knows
        }
        long[] after = unread.read(caller.userId(), convType, convId, readSeq, maxSeq);
        if (after[3] == 1) {
            publishReceipts(caller, convType, convId, after[4], after[0]);
        }
        return new ReadResult(convType, convId, after[0], (int) after[1], (int) after[2]);
    }

    /**
     * One event per page of the covered range ({@code fromSeq}, {@code toSeq}], the first always (it
     * also tells that the read seq moved). The read seq has moved already: a failure here is logged and
     * loses those receipts, never the read itself.
     */
    private void publishReceipts(SessionCaller caller, int convType, long convId, long fromSeq, long toSeq) {
        long now = clock.getAsLong();
        long cursor = fromSeq;
        boolean first = true;
        try {
            while (true) {
                List<TimelineRow> page = timeline.fromOthersBetween(caller.userId(), convType, convId, cursor, toSeq,
                        PAGE);
                List<Long> ids = receiptNeeding(convType, page);
                if (first || !ids.isEmpty()) {
                    events.read(new MessageReadEvent(caller.tenantId(), caller.userId(), convType, convId, toSeq, now,
                            ids));
                    first = false;
                }
                if (page.size() < PAGE) {
                    return;
                }
                cursor = page.get(page.size() - 1).seq();
            }
        } catch (SQLException | RuntimeException e) {
            log.error("Failed to publish read receipts: {userId={}, convType={}, convId={}, fromSeq={}, toSeq={}}: {}",
                    caller.userId(), convType, convId, cursor, toSeq, e.toString());
        }
    }

    /** @throws ImException {@code FORBIDDEN} unless the caller is in the conversation (see the class comment) */
    private void checkIn(SessionCaller caller, int convType, long convId) throws ImException {
        if (convType == ConvType.GROUP_VALUE && isMember(caller, convId)) {
            return;
        }
        try {
            if (conversations.find(caller.userId(), convType, convId).isPresent()) {
                return;
            }
        } catch (SQLException e) {
            throw new ImException(ErrorCode.BUSY, "Failed to read the conversation of user " + caller.userId() + ": "
                    + e, e);
        }
        throw ImException.stackless(ErrorCode.FORBIDDEN, "not in this conversation");
    }

    /** False for a group that does not exist (or no longer): the caller learns no more than "not in it". */
    private boolean isMember(SessionCaller caller, long groupId) throws ImException {
        GroupMembers group;
        try {
            group = members.members(groupId);
        } catch (ImException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return false;
            }
            throw e;
        }
        return group.tenantId() == caller.tenantId() && group.userIds().contains(caller.userId());
    }

    /** Single chats always need receipts (PROTOCOL.md 4.8); a group message only when its sender asked. */
    private List<Long> receiptNeeding(int convType, List<TimelineRow> page) throws SQLException {
        List<Long> ids = new ArrayList<>(page.size());
        for (TimelineRow row : page) {
            ids.add(row.msgId());
        }
        if (convType == 1 || ids.isEmpty()) {
            return ids;
        }
        Set<Long> needing = messages.needingReceipt(ids);
        return ids.stream().filter(needing::contains).toList();
    }

    private long maxInStream(long userId) throws ImException {
        try {
            return timeline.maxSeq(userId);
        } catch (SQLException e) {
            throw new ImException(ErrorCode.BUSY, "Failed to read the stream of user " + userId + ": " + e, e);
        }
    }
}
