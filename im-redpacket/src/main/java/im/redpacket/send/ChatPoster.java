package im.redpacket.send;

import im.api.redpacket.RedPacketCreated;

/**
 * Posts a packet's RED_PACKET chat message right after the send, for the answer's {@code msgId}. The
 * transactional message posts it too (the same {@code client_msg_id}, so once); this call only makes
 * the answer complete when im-logic is up.
 */
@FunctionalInterface
public interface ChatPoster {
    /** The message id, or 0 when it could not be posted now. */
    long post(RedPacketCreated packet);
}
