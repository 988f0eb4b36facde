package im.receipt.store;

/**
 * A message's counts after read marks were applied: what a {@code RECEIPT_NOTIFY} tells its sender.
 *
 * @param recipients the recipients at send time; unread is {@code recipients - read}
 */
public record ReadCount(long msgId, long senderId, int read, int recipients) {
    public int unread() {
        return recipients - read;
    }
}
