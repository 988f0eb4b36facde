package im.logic.timeline;

/**
 * One entry of a user's stream ({@code user_timeline}).
 *
 * @param convId     SINGLE: the other user seen from {@code userId}; GROUP: the group
 * @param kind       0 NORMAL, 1 RECALL, 2 GROUP_EVENT
 * @param fromUserId the sender of the message (RECALL: the operator)
 */
public record TimelineRow(long userId, long seq, long msgId, int kind, int convType, long convId, long refMsgId,
                          long createTime, long fromUserId) {
}
