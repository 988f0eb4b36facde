package im.logic.conversation;

/**
 * A row of {@code conversation}: one user's view of one conversation.
 *
 * @param convId SINGLE: the other user; GROUP: the group
 * @param unread the count persisted at the last read (Redis holds the live count)
 */
public record ConversationRow(long userId, int convType, long convId, long lastMsgId, long lastSeq, long readSeq,
                              int unread, long updateTime) {
}
