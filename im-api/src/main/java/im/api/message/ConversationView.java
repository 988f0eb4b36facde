package im.api.message;

import java.io.Serializable;

/**
 * One conversation of a user, the {@code Conversation} of PROTOCOL.md section 2.
 *
 * @param convType    1 SINGLE, 2 GROUP
 * @param convId      SINGLE: the other user; GROUP: the group
 * @param lastMessage the latest entry of the conversation in the user's stream, or null
 * @param unread      entries from others after {@code readSeq}
 * @param readSeq     the user's read position in this conversation
 * @param updateTime  epoch millis of the latest entry
 */
public record ConversationView(int convType, long convId, MessageEntry lastMessage, int unread, long readSeq,
                               long updateTime) implements Serializable {
}
