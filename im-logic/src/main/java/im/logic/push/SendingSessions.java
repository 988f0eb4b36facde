package im.logic.push;

import im.api.message.SessionCaller;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions waiting on this node for the answer to a send, by message: the session that sent a
 * message gets {@code SEND_RESP} instead of a push of it (PROTOCOL.md semantics 5). A message fanned out
 * by another node, or after its sender was answered, is pushed to every device of the sender, which
 * de-duplicates it by {@code msg_id}. Thread-safe.
 */
public final class SendingSessions {
    private final Map<Long, SessionCaller> waiting = new ConcurrentHashMap<>();

    public void waiting(long msgId, SessionCaller sender) {
        waiting.put(msgId, sender);
    }

    public void answered(long msgId) {
        waiting.remove(msgId);
    }

    /** The session waiting for {@code msgId} here, or null. */
    public SessionCaller of(long msgId) {
        return waiting.get(msgId);
    }
}
