package im.redpacket.packet;

import im.api.redpacket.RedPacketKind;

/**
 * One {@code red_packet} row.
 *
 * @param status {@link #OPEN} or {@link #EXPIRED}
 */
public record PacketRow(long id, long tenantId, long senderId, int convType, long convId, RedPacketKind kind,
                        long totalAmount, int totalCount, long remainingAmount, int remainingCount, String greeting,
                        int status, long createTime, long expireTime, long refundedAmount) {
    public static final int OPEN = 0;
    public static final int EXPIRED = 1;
}
