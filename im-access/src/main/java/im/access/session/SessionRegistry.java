package im.access.session;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's logged-in connections, by connection id (for kicks) and by user (for pushes, one
 * slot per platform). Slots are replaced atomically per user, so two logins of the same user on
 * this node resolve to one winner. Thread-safe.
 */
public final class SessionRegistry {
    private static final Connection[] NONE = new Connection[0];
    private static final int SLOTS = 4; // platforms 1..3; 0 unused

    private final Map<Long, Connection> byId = new ConcurrentHashMap<>();
    private final Map<Long, Connection[]> byUser = new ConcurrentHashMap<>();
    // Starting from the clock makes ids of a restarted node differ from the ones in stale routes.
    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() << 20);

    public long nextConnectionId() {
        return ids.incrementAndGet();
    }

    /**
     * Makes {@code c} its user's connection on its platform.
     *
     * @return the connection it displaced on this node, or {@code null}
     */
    public Connection bind(Connection c) {
        SessionIdentity id = c.identity();
        Connection[] displaced = new Connection[1];
        byUser.compute(id.userId(), (user, slots) -> {
            Connection[] next = slots == null ? new Connection[SLOTS] : slots.clone();
            displaced[0] = next[id.platform()];
            next[id.platform()] = c;
            return next;
        });
        byId.put(c.id(), c);
        return displaced[0] == c ? null : displaced[0];
    }

    /** Removes {@code c} wherever it still is. */
    public void unbind(Connection c) {
        byId.remove(c.id(), c);
        SessionIdentity id = c.identity();
        if (id == null) {
            return;
        }
        byUser.computeIfPresent(id.userId(), (user, slots) -> {
            if (slots[id.platform()] != c) {
                return slots;
            }
            Connection[] next = slots.clone();
            next[id.platform()] = null;
            return Arrays.stream(next).allMatch(x -> x == null) ? null : next;
        });
    }

    public Connection byId(long connectionId) {
        return byId.get(connectionId);
    }

    /** The user's connections on this node (a snapshot). */
    public Connection[] connectionsOf(long userId) {
        Connection[] slots = byUser.get(userId);
        if (slots == null) {
            return NONE;
        }
        return Arrays.stream(slots).filter(c -> c != null).toArray(Connection[]::new);
    }

    /** The logged-in connections (a snapshot). */
    public Collection<Connection> connections() {
        return List.copyOf(byId.values());
    }

    /** Logged-in connections. */
    public int size() {
        return byId.size();
    }
}
