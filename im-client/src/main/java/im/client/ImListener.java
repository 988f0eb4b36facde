package im.client;

import im.api.protocol.Message;
import im.api.protocol.ReadSync;
import im.api.protocol.ReceiptNotify;
import java.util.List;

/**
 * What an {@link ImClient} tells the application. Called on the client's event-loop thread, in
 * order: return quickly and hand long work to another thread. Every method has an empty default.
 */
public interface ImListener {

    /** New stream entries, in seq order, each delivered once (pushes and syncs de-duplicated by msg_id). */
    default void onMessages(List<Message> messages) {
    }

    default void onReceipts(ReceiptNotify notify) {
    }

    /** Another device of this user read a conversation. */
    default void onReadSync(ReadSync readSync) {
    }

    /**
     * The server closed this session for good (1 = same platform logged in elsewhere, 2 = account
     * disabled, 3 = token revoked): the client does not reconnect.
     */
    default void onKickout(int reason, String message) {
    }

    /**
     * The client holds everything the server had when it last logged in or noticed a gap: after a
     * login with nothing missing, and after the last page of each catch-up SYNC.
     */
    default void onSynced(long maxSeq) {
    }

    default void onStateChange(ImClient.State state) {
    }
}
