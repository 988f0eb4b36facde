package im.access.push;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One connection's pushes that wait for a {@code MSG_ACK}, in write order. Its size is the
 * connection's in-flight count, capped by {@code gateway.push.max-unacked}. Confined to the
 * connection's event loop; allocated lazily, since most idle connections never have one.
 */
public final class UnackedPushes {
    private ArrayDeque<PendingPush> pending;

    public int size() {
        return pending == null ? 0 : pending.size();
    }

    void add(PendingPush p) {
        if (pending == null) {
            pending = new ArrayDeque<>(4);
        }
        pending.addLast(p);
    }

    /** Removes and returns every push a cumulative ack of {@code maxSeq} covers. */
    List<PendingPush> ack(long maxSeq) {
        if (pending == null || pending.isEmpty()) {
            return List.of();
        }
        List<PendingPush> acked = new ArrayList<>(2);
        for (Iterator<PendingPush> it = pending.iterator(); it.hasNext(); ) {
            PendingPush p = it.next();
            if (p.ackSeq <= maxSeq) {
                it.remove();
                acked.add(p);
            }
        }
        return acked;
    }

    void remove(PendingPush p) {
        if (pending != null) {
            pending.remove(p);
        }
    }

    List<PendingPush> drain() {
        if (pending == null || pending.isEmpty()) {
            return List.of();
        }
        List<PendingPush> all = new ArrayList<>(pending);
        pending.clear();
        return all;
    }
}
