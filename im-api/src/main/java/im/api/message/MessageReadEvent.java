package im.api.message;

import java.io.Serializable;
import java.util.List;

/**
 * A user moved its read seq in a conversation, on {@link MessageTopics#MESSAGE_READ}. The entries
 * of the reader's stream up to {@code readSeq} in that conversation are read.
 *
 * <p>{@code receiptMsgIds} names the messages from others that need a receipt and that this move
 * covered, i.e. the reader's entries with {@code previous read seq < seq <= readSeq}: im-receipt-service
 * marks exactly these read for the reader. They come from the reader's own stream, so the
 * conversation's order never has to be compared across members. One move that covers more than
 * {@link #MAX_RECEIPT_IDS} of them is published as several events with the same {@code readSeq}, each
 * naming a part.
 *
 * @param tenantId      the reader's tenant
 * @param userId        the reader
 * @param convType      1 SINGLE, 2 GROUP
 * @param convId        SINGLE: the other user; GROUP: the group
 * @param readSeq       the new read seq in the reader's stream
 * @param readTime      epoch millis
 * @param receiptMsgIds receipt-needing messages this move covered (or this part of them), ascending
 */
public record MessageReadEvent(long tenantId, long userId, int convType, long convId, long readSeq, long readTime,
                               List<Long> receiptMsgIds) implements Serializable {
    /** Message ids per event: about 8 KB of ids, far below RocketMQ's body limit. */
    public static final int MAX_RECEIPT_IDS = 1000;

    public MessageReadEvent {
        receiptMsgIds = List.copyOf(receiptMsgIds);
        if (receiptMsgIds.size() > MAX_RECEIPT_IDS) {
            throw new IllegalArgumentException("at most " + MAX_RECEIPT_IDS + " receipt ids per read event, got "
                    + receiptMsgIds.size());
        }
    }

    /** A move that covered no receipt-needing message. */
    public MessageReadEvent(long tenantId, long userId, int convType, long convId, long readSeq, long readTime) {
        this(tenantId, userId, convType, convId, readSeq, readTime, List.of());
    }
}
