package im.receipt.notify;

import im.api.protocol.ReceiptNotify;
import java.util.List;

/**
 * Where coalesced {@code RECEIPT_NOTIFY} frames go: in production the senders' online devices through
 * {@link im.infra.route.UserPusher}, all frames of one flush in one call so their routes are read in
 * batches. Must not block for long (it runs on the notifier's thread).
 */
@FunctionalInterface
public interface NotifySink {
    /** One flush's frames, each with the sender it is for. */
    void send(List<Frame> frames);

    /** One {@code RECEIPT_NOTIFY} for one sender. */
    record Frame(long senderId, ReceiptNotify body) {
    }
}
