package im.logic.push;

import im.api.org.PushNames;
import im.api.push.OfflinePushEvent;
import im.api.push.PushDevice;
import im.infra.route.RouteTable;
import im.logic.event.EventPublisher;
import im.logic.message.StoredMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises offline-push events ({@link OfflinePushEvent#TOPIC}) for recipients a message did not reach
 * online: to each recipient's remembered devices ({@link RouteTable#devices}); a user who never logged
 * in has none and is skipped. The sender is never notified of its own message. im-ext-logic applies
 * mute, do-not-disturb and platform rules. Blocking (Redis); thread-safe.
 */
public final class OfflineNotifier {
    private static final Logger log = LoggerFactory.getLogger(OfflineNotifier.class);
    private static final int TEXT = 1;

    private final RouteTable routes;
    private final EventPublisher events;
    private final SenderNames names;

    public OfflineNotifier(RouteTable routes, EventPublisher events, SenderNames names) {
        this.routes = routes;
        this.events = events;
        this.names = names;
    }

    /** Notifies {@code users} of {@code message}, a normal message (not a recall or group event). */
    public void notify(StoredMessage message, Collection<Long> users) {
        List<Long> recipients = users.stream().filter(u -> u != message.fromUserId()).toList();
        if (recipients.isEmpty()) {
            return;
        }
        Map<Long, Map<Integer, String>> devices;
        try {
            devices = routes.devices(recipients);
        } catch (RuntimeException e) {
            log.warn("Failed to read devices, no offline push for message {}: {}", message.msgId(), e.toString());
            return;
        }
        String preview = message.contentType() == TEXT ? preview(message.text()) : "";
        PushNames title = names.of(message.fromUserId(), message.convType() == 1 ? 0 : message.convId());
        devices.forEach((user, byPlatform) -> {
            List<PushDevice> to = new ArrayList<>(byPlatform.size());
            byPlatform.forEach((platform, device) -> {
                if (!device.isEmpty()) {
                    to.add(new PushDevice(device, platform));
                }
            });
            if (to.isEmpty()) {
                return;
            }
            long convId = message.convType() == 1 ? message.fromUserId() : message.convId();
            events.offlinePush(new OfflinePushEvent(message.msgId(), message.tenantId(), user, message.convType(),
                    convId, message.fromUserId(), title.fromName(), preview, message.sendTime(),
                    message.mentions().contains(user), to, title.groupName()));
        });
    }

    static String preview(String text) {
        if (text.length() <= OfflinePushEvent.MAX_PREVIEW) {
            return text;
        }
        int end = OfflinePushEvent.MAX_PREVIEW;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never cut a character in half
        }
        return text.substring(0, end);
    }
}
