package im.api.message;

/**
 * The RocketMQ topics im-logic publishes after answering a send, a recall or a read. Bodies are
 * {@link MessageEventCodec} encodings; the key is the message id (read: the reader), the tag the
 * conv type name. Read events of one conversation all go to one queue ({@link #readQueueKey}), so
 * one consumer merges a conversation's read marks in order. Delivery is at least once: consumers
 * de-duplicate by message id (read: marking a message read twice changes nothing).
 */
public final class MessageTopics {
    /** {@link MessageSentEvent}: archive indexing and offline push (im-ext-logic), receipts. */
    public static final String MESSAGE_SENT = "im-message-sent";
    /** {@link MessageRecalledEvent}: archive re-indexing as recalled. */
    public static final String MESSAGE_RECALLED = "im-message-recalled";
    /** {@link MessageReadEvent}: read receipts (im-receipt-service). */
    public static final String MESSAGE_READ = "im-message-read";

    /**
     * What picks the queue of a read event: the same number for both members of a single chat (each
     * names the other as {@code convId}, {@link ConversationKey}) and for all members of a group.
     */
    public static long readQueueKey(int convType, long readerId, long convId) {
        ConversationKey conv = ConversationKey.of(convType, readerId, convId);
        return conv.single() ? conv.convId() * 31 + conv.convPeer() : conv.convId();
    }

    private MessageTopics() {
    }
}
