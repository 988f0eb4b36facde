package im.logic.lane;

import im.api.message.ConversationKey;
import im.api.message.SendRequest;
import im.api.message.SendResult;
import im.api.message.SessionCaller;
import im.api.org.SendGrant;
import im.logic.send.SendDedup;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One send waiting in a lane, with what the lane learns about it on the way: the grant, the
 * audience, the dedup claim. Confined to its lane's thread once queued (the future is completed from
 * there).
 */
final class SendTask {
    final SessionCaller caller;
    final SendRequest request;
    final CompletableFuture<SendResult> answer;
    final ConversationKey conv;
    /** When the task was queued (nanoTime), for the queue-age bound and the metrics. */
    final long queuedNanos;
    SendGrant grant;
    /** Everyone who gets an entry, the sender included, ascending. */
    List<Long> audience;
    /** This send's claim on its client_msg_id once made; {@code fresh} tells whether it is new. */
    SendDedup.Claim claim;
    boolean fresh;

    SendTask(SessionCaller caller, SendRequest request, CompletableFuture<SendResult> answer, long queuedNanos) {
        this.caller = caller;
        this.request = request;
        this.answer = answer;
        this.conv = ConversationKey.of(request.convType(), caller.userId(), request.toId());
        this.queuedNanos = queuedNanos;
    }

    long msgId() {
        return claim.msgId();
    }

    long sendTime() {
        return claim.sendTime();
    }
}
