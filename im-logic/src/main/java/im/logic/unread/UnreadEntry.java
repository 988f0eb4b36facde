package im.logic.unread;

/**
 * A NORMAL entry from someone else that landed in {@code userId}'s stream and may count as unread.
 *
 * @param convId SINGLE: the other user; GROUP: the group
 */
public record UnreadEntry(long userId, int convType, long convId, long seq) {
}
