package im.redpacket.send;

import im.api.redpacket.RedPacketCreated;

/**
 * Posts a packet's RED_PACKET chat message: right after the send, for the answer's {@code msgId}, and from
 * the chat sweep for a packet whose transactional message never posted it. Every post of one packet
 * carries the same {@code client_msg_id} ({@code RedPacketChat.clientMsgId}), so im-logic's send
 * de-duplication makes them one message.
 */
@FunctionalInterface
public interface ChatPoster {
    /** What {@link #post} answers when im-logic refused the message for good (a retry cannot cure it). */
    long REFUSED = -1;

    /** The message id; 0 when it could not be posted now (retry later), {@link #REFUSED} when refused. */
    long post(RedPacketCreated packet);
}
