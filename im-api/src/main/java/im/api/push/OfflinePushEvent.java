package im.api.push;

import java.io.Serializable;
import java.util.List;

/**
 * A recipient was not reached online for a message: published by im-logic on {@link #TOPIC} (one
 * event per recipient and message; key: the recipient's user id, so that one user's events share a
 * queue) and turned into vendor push notifications by im-ext-logic. Delivery is at least once:
 * consumers de-duplicate by {@code (userId, msgId)}.
 *
 * @param msgId      the message
 * @param tenantId   the tenant
 * @param userId     the recipient to notify
 * @param convType   1 SINGLE, 2 GROUP
 * @param convId     seen from the recipient: SINGLE the sender, GROUP the group
 * @param fromUserId the sender
 * @param fromName   the sender's display name for the notification title (may be empty)
 * @param preview    the start of the text, at most {@link #MAX_PREVIEW} characters (empty for
 *                   non-text content)
 * @param sendTime   epoch millis
 * @param mentioned  the recipient is mentioned in the message
 * @param devices    the recipient's devices to notify (at most {@link #MAX_DEVICES})
 * @param groupName  GROUP: the group's name for the notification title (may be empty); SINGLE: empty
 */
public record OfflinePushEvent(long msgId, long tenantId, long userId, int convType, long convId, long fromUserId,
                               String fromName, String preview, long sendTime, boolean mentioned,
                               List<PushDevice> devices, String groupName) implements Serializable {
    /** The RocketMQ topic of offline-push events. */
    public static final String TOPIC = "im-offline-push";
    /** Notifications that no provider accepted after every retry (body: the notification as JSON). */
    public static final String DEAD_LETTER_TOPIC = "im-offline-push-dead";
    /** Notification previews are short; the full text is fetched by the app after it opens. */
    public static final int MAX_PREVIEW = 100;
    /** One device per platform (PROTOCOL.md: one session per platform) plus old registrations. */
    public static final int MAX_DEVICES = 16;

    public OfflinePushEvent {
        devices = List.copyOf(devices);
        groupName = groupName == null ? "" : groupName;
    }

    /** An event without a group name (a single chat, or the name is unknown). */
    public OfflinePushEvent(long msgId, long tenantId, long userId, int convType, long convId, long fromUserId,
                            String fromName, String preview, long sendTime, boolean mentioned,
                            List<PushDevice> devices) {
        this(msgId, tenantId, userId, convType, convId, fromUserId, fromName, preview, sendTime, mentioned, devices,
                "");
    }
}
