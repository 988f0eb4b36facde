package im.logic.group;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageEntry;
import im.api.org.GroupEvent;
import im.logic.fanout.ConversationFanout;
import im.logic.fanout.FanoutJob;
import im.logic.id.MsgIdGenerator;
import im.logic.message.DuplicateKeys;
import im.logic.message.GroupEventText;
import im.logic.message.MessageStore;
import im.logic.message.StoredMessage;
import java.sql.SQLException;
import java.util.List;
import org.redisson.api.RedissonClient;

/**
 * Turns one {@link GroupEvent} into a {@code GROUP_EVENT} entry of the group's stream, the way a send
 * becomes a message: a content row ({@code SYSTEM} content, {@link GroupEventText} as text), then a
 * durable fan-out job in the group's queue, drained under the group's lock like its messages, so every
 * member sees "X added Y" at the same place among the group's messages. The fan-out reaches the members
 * and everyone the event names (a removed member learns it was removed; a dismissed group's members
 * learn it was dismissed): see {@code FanoutProcessor}.
 *
 * <p>Idempotent: the entry's message id is claimed per {@code (groupId, version)}
 * ({@link GroupEventDedup}); on a redelivery the content row and the job already exist (duplicate keys
 * are ignored) and only the drain runs again. Thread-safe.
 */
public final class GroupEventApplier {
    /** {@code ContentType.SYSTEM}. */
    static final int CONTENT_SYSTEM = 6;
    private static final int CONV_GROUP = 2;

    private final GroupEventDedup dedup;
    private final MsgIdGenerator ids;
    private final MessageStore messages;
    private final ConversationFanout fanout;

    public GroupEventApplier(RedissonClient redis, MsgIdGenerator ids, MessageStore messages,
                             ConversationFanout fanout) {
        this.dedup = new GroupEventDedup(redis);
        this.ids = ids;
        this.messages = messages;
        this.fanout = fanout;
    }

    /**
     * Makes the event's entry durable and drains the group's fan-out (up to the fan-out's answer wait;
     * what is left is the sweeper's).
     *
     * @return the entry's message id
     * @throws ImException {@code BUSY} when the content or the job could not be stored: nothing is lost,
     *                     the caller redelivers the event
     */
    public long apply(GroupEvent e) throws ImException {
        long msgId;
        try {
            msgId = dedup.claim(e.groupId(), e.version(), ids.next());
        } catch (RuntimeException ex) {
            throw new ImException(ErrorCode.BUSY, "Failed to claim group event " + e.groupId() + ":" + e.version()
                    + ": " + ex, ex);
        }
        // The event's time orders it among the group's pending jobs (jobs drain by create time).
        FanoutJob job = new FanoutJob(msgId, CONV_GROUP, e.groupId(), 0, MessageEntry.KIND_GROUP_EVENT, msgId,
                e.operatorId(), FanoutJob.PENDING, 0, 0, e.time());
        try {
            try {
                messages.insert(new StoredMessage(msgId, e.tenantId(), CONV_GROUP, e.groupId(), e.operatorId(),
                        "group-event:" + e.version(), CONTENT_SYSTEM, GroupEventText.of(e), new byte[0], false,
                        List.of(), e.time(), false));
            } catch (SQLException ex) {
                if (!DuplicateKeys.isDuplicate(ex)) {
                    throw ex;
                }
            }
            try {
                fanout.enqueue(job);
            } catch (SQLException ex) {
                if (!DuplicateKeys.isDuplicate(ex)) {
                    throw ex;
                }
            }
        } catch (SQLException ex) {
            throw new ImException(ErrorCode.BUSY, "Failed to queue group event " + e.groupId() + ":" + e.version()
                    + ": " + ex, ex);
        }
        fanout.awaitDone(job);
        return msgId;
    }
}
