package im.client.internal;

import im.api.protocol.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's view of its own stream (PROTOCOL.md semantics 2 and 5): the highest seq it holds
 * without a gap, and the msg_ids it has delivered recently, so a push and a sync of the same entry
 * reach the application once. Not thread-safe: used on the connection's event loop.
 */
public final class StreamState {
    private final Map<Long, Boolean> recentMsgIds;
    private long maxSeq;

    /** @param dedupWindow how many recent msg_ids to remember */
    public StreamState(long initialMaxSeq, int dedupWindow) {
        this.maxSeq = initialMaxSeq;
        this.recentMsgIds = new LinkedHashMap<>(256, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > dedupWindow;
            }
        };
    }

    public long maxSeq() {
        return maxSeq;
    }

    /**
     * Starts the stream at {@code seq} without holding what lies below it (a device that wants only
     * new entries); never moves backwards.
     */
    public void startAt(long seq) {
        maxSeq = Math.max(maxSeq, seq);
    }

    /** The outcome of offering pushed entries. */
    public record Accepted(List<Message> deliver, boolean gap) {
    }

    /**
     * Takes pushed entries in seq order: entries that continue the stream are delivered (once per
     * msg_id); an entry beyond {@code maxSeq + 1} means something was missed, so it is held back and
     * {@code gap} asks for a SYNC, which returns it again in order.
     */
    public Accepted offerPushed(List<Message> pushed) {
        List<Message> deliver = new ArrayList<>();
        boolean gap = false;
        for (Message m : pushed.stream().sorted((a, b) -> Long.compare(a.getSeq(), b.getSeq())).toList()) {
            if (m.getSeq() <= maxSeq) {
                continue; // already held: a retried push
            }
            if (m.getSeq() != maxSeq + 1) {
                gap = true;
                break;
            }
            maxSeq = m.getSeq();
            if (firstTime(m)) {
                deliver.add(m);
            }
        }
        return new Accepted(deliver, gap);
    }

    /** Takes a SYNC page: everything above {@code maxSeq}, in order, is the truth. */
    public List<Message> offerSynced(List<Message> page) {
        List<Message> deliver = new ArrayList<>();
        for (Message m : page) {
            if (m.getSeq() <= maxSeq) {
                continue;
            }
            // SYNC may jump after a seq-store failover (never repeat): accept the jump
            maxSeq = m.getSeq();
            if (firstTime(m)) {
                deliver.add(m);
            }
        }
        return deliver;
    }

    /**
     * Records the sender's own copy answered in SEND_RESP (this connection gets no push of it): it
     * advances the stream when it continues it, and is never delivered again by a later SYNC.
     */
    public void ownCopy(long seq, long msgId) {
        if (seq == maxSeq + 1) {
            maxSeq = seq;
        }
        if (msgId != 0) {
            recentMsgIds.put(msgId, Boolean.TRUE);
        }
    }

    private boolean firstTime(Message m) {
        return m.getMsgId() == 0 || recentMsgIds.put(m.getMsgId(), Boolean.TRUE) == null;
    }
}
