package im.api.redpacket;

import java.io.Serializable;

/**
 * A sent red packet: the money is debited and the packet exists.
 *
 * @param redPacketId the packet
 * @param msgId       the RED_PACKET chat message, or 0 when it was not posted yet when answering (the
 *                    RocketMQ transactional message posts it, exactly once, when im-logic is back)
 */
public record RedPacketSent(long redPacketId, long msgId) implements Serializable {
}
