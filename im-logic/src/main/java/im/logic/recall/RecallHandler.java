package im.logic.recall;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.ConversationKey;
import im.api.message.MessageEntry;
import im.api.message.SessionCaller;
import im.api.org.SendGrant;
import im.logic.fanout.ConversationFanout;
import im.logic.fanout.FanoutJob;
import im.logic.message.DuplicateKeys;
import im.logic.message.MessageStore;
import im.logic.message.StoredMessage;
import im.logic.send.SendAuthorizer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * {@code RECALL}: the sender within {@link #WINDOW} of the send time; a group owner or admin, or a
 * tenant admin ({@link SendGrant#privileged()}), at any time. Marks the message recalled, then queues
 * a RECALL job through the conversation's ordered fan-out, so every member's stream gets one RECALL
 * entry after the original. The job's id is {@code -msgId}: a repeated recall (or a retry after a
 * failure between the two steps) queues nothing twice. Thread-safe.
 */
public final class RecallHandler {
    /** PROTOCOL.md section 4.6. */
    public static final Duration WINDOW = Duration.ofHours(24);

    private final MessageStore messages;
    private final SendAuthorizer authorizer;
    private final ConversationFanout fanout;
    private final LongSupplier clock;

    /** @param clock epoch millis; injectable so tests cross the 24 h window without waiting */
    public RecallHandler(MessageStore messages, SendAuthorizer authorizer, ConversationFanout fanout,
                         LongSupplier clock) {
        this.messages = messages;
        this.authorizer = authorizer;
        this.fanout = fanout;
        this.clock = clock;
    }

    public void recall(SessionCaller caller, long msgId) throws ImException {
        StoredMessage m;
        try {
            m = messages.find(msgId).orElseThrow(() -> ImException.stackless(ErrorCode.NOT_FOUND, "no such message"));
        } catch (SQLException e) {
            throw new ImException(ErrorCode.BUSY, "Failed to load message " + msgId + ": " + e, e);
        }
        if (m.tenantId() != caller.tenantId()) {
            throw ImException.stackless(ErrorCode.NOT_FOUND, "no such message");
        }
        long now = clock.getAsLong();
        boolean sender = m.fromUserId() == caller.userId();
        boolean inWindow = now - m.sendTime() <= WINDOW.toMillis();
        if (!sender || !inWindow) {
            boolean privileged = privileged(caller, m);
            if (!privileged) {
                throw sender ? ImException.stackless(ErrorCode.RECALL_WINDOW_EXPIRED, "recall window of 24 h passed")
                        : ImException.stackless(ErrorCode.FORBIDDEN, "only the sender or an admin may recall");
            }
        }
        ConversationKey conv = ConversationKey.of(m.convType(), m.fromUserId(), m.convId());
        FanoutJob job = new FanoutJob(-msgId, conv.convType(), conv.convId(), conv.convPeer(),
                MessageEntry.KIND_RECALL, msgId, caller.userId(), FanoutJob.PENDING, 0, 0, now);
        try {
            messages.markRecalled(msgId);
            fanout.enqueue(job);
        } catch (SQLException e) {
            if (!DuplicateKeys.isDuplicate(e)) {
                throw new ImException(ErrorCode.BUSY, "Failed to recall message " + msgId + ": " + e, e);
            }
        }
        fanout.awaitDone(job);
    }

    /** May the caller recall anyone's message in this conversation at any time? */
    private boolean privileged(SessionCaller caller, StoredMessage m) throws ImException {
        long target;
        if (m.convType() == 1) {
            // The caller's view of the single chat: the other participant, if the caller is one.
            target = caller.userId() == m.fromUserId() ? m.convId() : m.fromUserId();
        } else {
            target = m.convId();
        }
        try {
            SendGrant grant = authorizer.authorize(caller.tenantId(), caller.userId(), m.convType(), target);
            return grant.privileged();
        } catch (ImException e) {
            if (e.code() == ErrorCode.BUSY) {
                throw e;
            }
            return false; // not a member, muted, hidden: no privilege to recall others' messages
        }
    }
}
