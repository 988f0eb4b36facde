package im.receipt.notify;

import im.api.protocol.ReceiptNotify;

/**
 * Where coalesced {@code RECEIPT_NOTIFY} frames go: in production the sender's online devices through
 * {@link im.infra.route.UserPusher}. Must not block for long (it runs on the notifier's thread).
 */
@FunctionalInterface
public interface NotifySink {
    void send(long senderId, ReceiptNotify frame);
}
