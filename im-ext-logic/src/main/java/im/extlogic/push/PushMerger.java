package im.extlogic.push;

import im.api.push.OfflinePushEvent;
import im.api.push.PushDevice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Merges a user's offline messages within a window into one notification: the first event of a
 * user opens the window, the events that follow within it join, and when it closes one
 * notification ("3 new messages from Zhang San") goes to the sink. At most {@code maxUsers} windows
 * are open; an event of another user is then refused and the consumer has RocketMQ redeliver it
 * later. Windows live in memory: a crash loses at most one window of notifications (never messages,
 * which the app fetches by SYNC). Thread-safe: one user's window is changed only inside
 * {@link ConcurrentHashMap#compute}.
 */
public final class PushMerger implements AutoCloseable {
    /** Message ids carried per notification; the count still counts all. */
    public static final int MAX_IDS = 100;

    private final long windowMillis;
    private final int maxUsers;
    private final Consumer<PushNotification> sink;
    private final Map<Long, Window> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "push-merge"));

    public PushMerger(long windowMillis, int maxUsers, Consumer<PushNotification> sink) {
        this.windowMillis = windowMillis;
        this.maxUsers = maxUsers;
        this.sink = sink;
    }

    /** Everything merged for one user so far. Guarded by the map's per-key compute. */
    private static final class Window {
        final long tenantId;
        final long userId;
        final Map<String, PushDevice> devices = new LinkedHashMap<>();
        final Set<Long> msgIds = new LinkedHashSet<>();
        final Map<Long, String> senders = new LinkedHashMap<>();
        final Set<String> convs = new LinkedHashSet<>();
        String lastPreview = "";
        boolean mentioned;

        Window(long tenantId, long userId) {
            this.tenantId = tenantId;
            this.userId = userId;
        }
    }

    /**
     * Adds {@code e} for {@code devices} (the devices that should be notified).
     *
     * @return false when the window limit is reached and the user has none open: retry later
     */
    public boolean add(OfflinePushEvent e, List<PushDevice> devices) {
        if (!open.containsKey(e.userId()) && open.size() >= maxUsers) {
            return false;
        }
        boolean[] opened = new boolean[1];
        open.compute(e.userId(), (userId, w) -> {
            if (w == null) {
                w = new Window(e.tenantId(), userId);
                opened[0] = true;
            }
            if (w.msgIds.add(e.msgId())) { // a redelivered event within the window counts once
                for (PushDevice d : devices) {
                    w.devices.put(d.deviceId(), d);
                }
                String sender = e.fromName().isBlank() ? "user " + e.fromUserId() : e.fromName();
                // a group message's title names the group too: "Alice · Project X"
                w.senders.putIfAbsent(e.fromUserId(),
                        e.groupName().isBlank() ? sender : sender + " · " + e.groupName());
                w.convs.add(e.convType() + ":" + e.convId());
                w.lastPreview = e.preview();
                w.mentioned |= e.mentioned();
            }
            return w;
        });
        if (opened[0]) {
            timer.schedule(() -> close(e.userId()), windowMillis, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    private void close(long userId) {
        Window w = open.remove(userId);
        if (w != null) {
            sink.accept(notificationOf(w));
        }
    }

    private static PushNotification notificationOf(Window w) {
        int count = w.msgIds.size();
        String firstSender = w.senders.values().iterator().next();
        String title;
        String body;
        if (count == 1) {
            title = firstSender;
            body = (w.mentioned ? "[mentioned you] " : "") + (w.lastPreview.isEmpty() ? "[new message]" : w.lastPreview);
        } else if (w.senders.size() == 1) {
            title = firstSender;
            body = count + " new messages from " + firstSender;
        } else {
            title = "New messages";
            body = count + " new messages in " + w.convs.size() + (w.convs.size() == 1 ? " chat" : " chats");
        }
        List<Long> ids = new ArrayList<>(w.msgIds).subList(0, Math.min(count, MAX_IDS));
        // The id names the window by its oldest message (ids are time-ordered), not by the first to
        // arrive: consumers deliver concurrently, and the id must not depend on their race.
        return new PushNotification(w.userId + "-" + Collections.min(w.msgIds), w.tenantId, w.userId,
                List.copyOf(w.devices.values()), title, body, count, ids);
    }

    /** Sends every open window now, then stops the timer. */
    @Override
    public void close() {
        timer.shutdownNow();
        for (Long userId : List.copyOf(open.keySet())) {
            close(userId);
        }
    }
}
