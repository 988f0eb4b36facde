package im.logic.send;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.ConversationKey;
import im.api.message.SendRequest;
import im.api.message.SendResult;
import im.api.message.SessionCaller;
import im.logic.fanout.ConversationFanout;
import im.logic.fanout.FanoutJob;
import im.logic.id.MsgIdGenerator;
import im.logic.message.DuplicateKeys;
import im.logic.message.MessageStore;
import im.logic.message.StoredMessage;
import im.logic.push.SendingSessions;
import java.sql.SQLException;
import java.util.function.LongSupplier;

/**
 * {@code SEND}: check, de-duplicate, store the content, queue the fan-out durably, wait for it (up to
 * the fan-out's answer wait), answer. Called on Dubbo threads; thread-safe.
 *
 * <p>A resend of a claimed {@code client_msg_id} re-drives the original message with its original id:
 * storing the content and the job again is a no-op (duplicate keys are ignored), so a resend after a
 * lost answer, or after the first attempt's node died, creates nothing new and still gets the answer.
 */
public final class SendHandler {
    private final SendAuthorizer authorizer;
    private final SendDedup dedup;
    private final MsgIdGenerator ids;
    private final MessageStore messages;
    private final ConversationFanout fanout;
    private final SendingSessions sending;
    private final LongSupplier clock;

    /**
     * @param sending where a send waiting for its fan-out is known, so that the sending session is not
     *                pushed its own message
     */
    public SendHandler(SendAuthorizer authorizer, SendDedup dedup, MsgIdGenerator ids, MessageStore messages,
                       ConversationFanout fanout, SendingSessions sending, LongSupplier clock) {
        this.authorizer = authorizer;
        this.dedup = dedup;
        this.ids = ids;
        this.messages = messages;
        this.fanout = fanout;
        this.sending = sending;
        this.clock = clock;
    }

    public SendResult send(SessionCaller caller, SendRequest request) throws ImException {
        authorizer.authorize(caller.tenantId(), caller.userId(), request.convType(), request.toId());
        long msgId = ids.next();
        SendDedup.Claim fresh = new SendDedup.Claim(msgId, clock.getAsLong(), request.convType(), request.toId(), 0,
                false);
        SendDedup.Claim claim;
        try {
            claim = dedup.claim(caller.userId(), request.clientMsgId(), fresh);
        } catch (RuntimeException e) {
            throw new ImException(ErrorCode.BUSY, "Failed to claim client_msg_id: " + e, e);
        }
        if (claim.answered() && claim.seq() > 0) {
            return new SendResult(claim.msgId(), claim.seq(), claim.sendTime(), request.clientMsgId());
        }
        if (claim != fresh && (claim.convType() != request.convType() || claim.toId() != request.toId())) {
            throw ImException.stackless(ErrorCode.BAD_REQUEST, "client_msg_id already used for another conversation");
        }
        ConversationKey conv = ConversationKey.of(request.convType(), caller.userId(), request.toId());
        FanoutJob job = new FanoutJob(claim.msgId(), conv.convType(), conv.convId(), conv.convPeer(), 0, claim.msgId(),
                caller.userId(), FanoutJob.PENDING, 0, 0, claim.sendTime());
        try {
            store(caller, request, claim);
            queue(job);
        } catch (ImException e) {
            if (claim == fresh) {
                dedup.release(caller.userId(), request.clientMsgId(), claim);
            }
            throw e;
        }
        long seq;
        sending.waiting(claim.msgId(), caller);
        try {
            seq = fanout.awaitDone(job);
        } finally {
            sending.answered(claim.msgId());
        }
        dedup.answered(caller.userId(), request.clientMsgId(), claim, seq);
        return new SendResult(claim.msgId(), seq, claim.sendTime(), request.clientMsgId());
    }

    private void store(SessionCaller caller, SendRequest request, SendDedup.Claim claim) throws ImException {
        try {
            messages.insert(new StoredMessage(claim.msgId(), caller.tenantId(), request.convType(), request.toId(),
                    caller.userId(), request.clientMsgId(), request.contentType(), request.text(), request.payload(),
                    request.needReceipt() || request.convType() == 1, request.mentions(), claim.sendTime(), false));
        } catch (SQLException e) {
            if (!DuplicateKeys.isDuplicate(e)) {
                throw new ImException(ErrorCode.BUSY, "Failed to store message " + claim.msgId() + ": " + e, e);
            }
        }
    }

    private void queue(FanoutJob job) throws ImException {
        try {
            fanout.enqueue(job);
        } catch (SQLException e) {
            if (!DuplicateKeys.isDuplicate(e)) {
                throw new ImException(ErrorCode.BUSY, "Failed to queue fan-out of message " + job.msgId() + ": " + e,
                        e);
            }
        }
    }
}
