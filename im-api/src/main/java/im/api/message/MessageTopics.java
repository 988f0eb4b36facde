package im.api.message;

/**
 * The RocketMQ topics im-logic publishes after answering a send, a recall or a read. Bodies are
 * {@link MessageEventCodec} encodings; the key is the message id (read: the reader), the tag the
 * conv type name. Delivery is at least once: consumers de-duplicate by message id (read: by
 * {@code (userId, convType, convId, readSeq)}).
 */
public final class MessageTopics {
    /** {@link MessageSentEvent}: archive indexing and offline push (im-ext-logic), receipts. */
    public static final String MESSAGE_SENT = "im-message-sent";
    /** {@link MessageRecalledEvent}: archive re-indexing as recalled. */
    public static final String MESSAGE_RECALLED = "im-message-recalled";
    /** {@link MessageReadEvent}: read receipts (im-receipt-service). */
    public static final String MESSAGE_READ = "im-message-read";

    private MessageTopics() {
    }
}
