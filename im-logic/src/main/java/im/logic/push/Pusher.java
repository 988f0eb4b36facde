package im.logic.push;

import im.api.message.MessageEntry;
import im.api.message.ReadResult;
import im.api.message.SessionCaller;
import im.logic.message.StoredMessage;
import java.util.List;
import java.util.Map;

/**
 * Hands new stream entries and read positions to the users' online devices. Best effort: clients
 * always catch up by {@code SYNC}, so a lost push never loses a message. Thread-safe.
 */
public interface Pusher {

    /** Pushes nothing: for nodes and tests without access nodes; clients receive their entries by {@code SYNC}. */
    Pusher NONE = new Pusher() {
        @Override
        public void entries(StoredMessage message, Map<Long, MessageEntry> entries, SessionCaller sender) {
        }

        @Override
        public void readSync(SessionCaller reader, ReadResult result) {
        }
    };

    /**
     * One message's new entries, each to its stream's owner ({@code MSG_PUSH}); recipients with no
     * device reached are handed to offline push.
     *
     * @param message the message (for a RECALL entry: the recalled message)
     * @param entries each member's new entry by member
     * @param sender  the session waiting for the answer to this send on this node, which gets
     *                {@code SEND_RESP} instead of a push; null when none
     */
    void entries(StoredMessage message, Map<Long, MessageEntry> entries, SessionCaller sender);

    /** One message's entries for {@link #entriesBatch}. */
    record Push(StoredMessage message, Map<Long, MessageEntry> entries, SessionCaller sender) {
    }

    /**
     * Several messages' entries at once (a batch of sends): implementations push them with one call
     * per access node. The default pushes one message after the other.
     */
    default void entriesBatch(List<Push> pushes) {
        for (Push p : pushes) {
            entries(p.message(), p.entries(), p.sender());
        }
    }

    /** Tells the reader's other devices where it read up to ({@code READ_SYNC_NOTIFY}). */
    void readSync(SessionCaller reader, ReadResult result);
}
