package im.api.receipt;

import java.io.Serializable;
import java.util.List;

/**
 * The answer to {@link ReceiptService#query}: {@code readUserIds} and {@code unreadUserIds} are
 * disjoint and together are exactly the recipients when the message was sent.
 *
 * @param msgId         the message
 * @param readUserIds   recipients who have read it, ascending
 * @param unreadUserIds recipients who have not, ascending
 */
public record ReceiptDetail(long msgId, List<Long> readUserIds, List<Long> unreadUserIds) implements Serializable {
    public ReceiptDetail {
        readUserIds = List.copyOf(readUserIds);
        unreadUserIds = List.copyOf(unreadUserIds);
    }
}
