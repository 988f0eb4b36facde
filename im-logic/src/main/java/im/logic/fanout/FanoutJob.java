package im.logic.fanout;

import im.api.message.ConversationKey;

/**
 * A row of {@code fanout_job}: one message (or recall) to write into every member's stream.
 *
 * @param convId     SINGLE: the smaller user id; GROUP: the group
 * @param convPeer   SINGLE: the larger user id; GROUP: 0
 * @param kind       0 NORMAL, 1 RECALL, 2 GROUP_EVENT
 * @param msgId      the message (RECALL: the recalled message; GROUP_EVENT: the event's content row)
 * @param operatorId the sender (RECALL: who recalled; GROUP_EVENT: who changed the group)
 * @param state      {@link #PENDING} or {@link #DONE}
 * @param senderSeq  once done, the operator's own entry (0 when none)
 * @param attempts   how often processing started; above 0 the job may be partly written
 */
public record FanoutJob(long jobId, int convType, long convId, long convPeer, int kind, long msgId, long operatorId,
                        int state, long senderSeq, int attempts, long createTime) {
    public static final int PENDING = 0;
    public static final int DONE = 1;

    /** The key of the job's fan-out queue and lock: both users of a single chat share it. */
    public ConversationKey conv() {
        return new ConversationKey(convType, convId, convPeer);
    }
}
