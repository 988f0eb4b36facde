package im.api.message;

import im.api.protocol.ConvType;

/**
 * A conversation the same for everyone in it, the one rule for keying a conversation: both users of a
 * 1:1 chat name the other as the target, so the key orders the two ids (the smaller is
 * {@code convId}, the larger {@code convPeer}); a group is its id with {@code convPeer} 0. Whatever is
 * keyed by conversation (send routes and lanes, fan-out queues and locks, read-event queues, the
 * archive's {@code conv_key}) derives its key from this, so both sides of a chat always meet.
 *
 * <p>An immutable value; it does not cross Dubbo (each side derives it from the request).
 *
 * @param convType {@link ConvType} number: 1 SINGLE, 2 GROUP
 * @param convId   SINGLE: the smaller user id; otherwise the group
 * @param convPeer SINGLE: the larger user id; otherwise 0
 */
public record ConversationKey(int convType, long convId, long convPeer) {

    /**
     * The conversation {@code senderId} addresses as {@code targetId}: the other user of a single chat,
     * the group of any other conversation type.
     */
    public static ConversationKey of(int convType, long senderId, long targetId) {
        if (convType == ConvType.SINGLE_VALUE) {
            return new ConversationKey(convType, Math.min(senderId, targetId), Math.max(senderId, targetId));
        }
        return new ConversationKey(convType, targetId, 0);
    }

    /** True for a 1:1 chat, whose key holds both users. */
    public boolean single() {
        return convType == ConvType.SINGLE_VALUE;
    }
}
