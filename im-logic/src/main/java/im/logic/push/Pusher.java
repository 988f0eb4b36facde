package im.logic.push;

import im.api.message.MessageEntry;
import java.util.List;

/**
 * Hands new stream entries to the access nodes holding the users' online devices. Best effort:
 * clients always catch up by {@code SYNC}, so a lost push never loses a message.
 *
 * <p>Not wired yet: im-access's push contract ({@code im.api.access}) does not exist at the time of
 * writing, so LogicBootstrap uses {@link #NOT_WIRED}, which pushes nothing and says so in a metric.
 */
@FunctionalInterface
public interface Pusher {

    /** Pushes nothing; clients receive their entries by {@code SYNC}. */
    Pusher NOT_WIRED = (userId, entries, exceptDeviceId) -> { };

    /**
     * @param exceptDeviceId the device that sent the message and gets {@code SEND_RESP} instead, or null
     */
    void push(long userId, List<MessageEntry> entries, String exceptDeviceId);
}
