package im.api.redpacket;

import java.io.Serializable;
import java.util.List;

/**
 * A red packet as its conversation's members see it.
 *
 * @param remainingAmount cents not grabbed yet (0 once expired and refunded)
 * @param expiresAt       epoch millis
 * @param status          {@link #OPEN}, {@link #EMPTY} or {@link #EXPIRED}
 * @param refundedAmount  cents returned to the sender at expiry
 * @param grabs           oldest first
 */
public record RedPacketDetail(long redPacketId, long senderId, int convType, long convId, RedPacketKind kind,
                              String greeting, long totalAmount, int count, long remainingAmount,
                              int remainingCount, long expiresAt, String status, long refundedAmount,
                              List<GrabRecord> grabs) implements Serializable {
    public static final String OPEN = "OPEN";
    public static final String EMPTY = "EMPTY";
    public static final String EXPIRED = "EXPIRED";

    public RedPacketDetail {
        grabs = List.copyOf(grabs);
    }
}
