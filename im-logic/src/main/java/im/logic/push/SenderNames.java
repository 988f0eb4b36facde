package im.logic.push;

import im.api.ImException;
import im.api.org.DirectoryService;
import im.api.org.PushNames;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's and the group's names for offline-push notifications, from im-org-service
 * ({@link DirectoryService#pushNames}), remembered for {@link #TTL_MILLIS} per (sender, group) so that a
 * burst to a large group costs one org call, not one per recipient. At most {@link #MAX_ENTRIES} are
 * held (then the map starts over). A failed lookup answers empty names: a notification without a
 * name beats no notification. Blocking (one Dubbo call on a miss); thread-safe.
 */
public final class SenderNames {
    /** A rename shows in notifications within a minute. */
    static final long TTL_MILLIS = 60_000;
    /** About 100 bytes each: 100,000 take some 10 MB. */
    static final int MAX_ENTRIES = 100_000;
    private static final Logger log = LoggerFactory.getLogger(SenderNames.class);
    private static final PushNames NONE = new PushNames("", "");

    private record Entry(PushNames names, long expiresAt) {
    }

    private record Key(long fromUserId, long groupId) {
    }

    private final Supplier<DirectoryService> directory;
    private final LongSupplier clock;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

    public SenderNames(Supplier<DirectoryService> directory, LongSupplier clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** @param groupId 0 for a single chat */
    public PushNames of(long fromUserId, long groupId) {
        Key key = new Key(fromUserId, groupId);
        long now = clock.getAsLong();
        Entry e = entries.get(key);
        if (e != null && e.expiresAt > now) {
            return e.names;
        }
        PushNames names;
        try {
            names = directory.get().pushNames(fromUserId, groupId);
        } catch (ImException | RuntimeException ex) {
            log.warn("Failed to resolve names for an offline push: {fromUserId={}, groupId={}}: {}", fromUserId,
                    groupId, ex.toString());
            return NONE;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(names, now + TTL_MILLIS));
        return names;
    }
}
