package im.logic.lane;

import im.api.message.ConversationKey;
import im.logic.fanout.MemberDirectory;
import im.logic.id.MsgIdGenerator;
import im.logic.send.SendAuthorizer;
import im.logic.send.SendDedup;
import java.util.function.LongSupplier;

/**
 * What every lane of a node shares, built once by {@link SendLanes}: the checks, the claims, the locks,
 * the writer and what follows a write. Immutable, and every part is thread-safe.
 *
 * @param largeGroups sends to groups above {@link LaneSettings#maxLaneMembers()}: the durable fan-out
 */
record LaneContext(LaneSettings settings, SendAuthorizer authorizer, MemberDirectory directory, MsgIdGenerator ids,
                   SendDedup dedup, ConvLocks locks, BatchWriter writer, Repairer repair, LargeGroupSends largeGroups,
                   BatchFinisher finisher, LaneMetrics metrics, LongSupplier clock) {

    /** Completes half-written messages of a conversation whose lock the caller holds. */
    @FunctionalInterface
    interface Repairer {
        /** @return false when a repair failed (the conversation must not be written now) */
        boolean repair(ConversationKey conv, java.util.List<Long> msgIds);
    }
}
