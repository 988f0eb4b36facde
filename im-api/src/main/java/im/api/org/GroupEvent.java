package im.api.org;

import java.io.Serializable;
import java.util.List;

/**
 * A membership change of a group, published by im-org-service on {@link #TOPIC} after the change
 * is committed, for im-logic to turn into {@code GROUP_EVENT} entries of the members' streams.
 * Messages are ordered per group (the queue is chosen by group id), carry the kind's name as tag
 * and the group id as key; the body is {@link GroupEventCodec#encode}. Delivery is at least once:
 * consumers de-duplicate by {@code (groupId, version)}.
 *
 * @param groupId    the group
 * @param tenantId   its tenant
 * @param version    the group's membership version after this change (see {@link GroupMembers})
 * @param kind       what changed
 * @param operatorId who did it
 * @param userIds    whom it concerns (see {@link GroupEventKind})
 * @param time       epoch millis of the change
 */
public record GroupEvent(long groupId, long tenantId, long version, GroupEventKind kind, long operatorId,
                         List<Long> userIds, long time) implements Serializable {
    /** The RocketMQ topic of group events. */
    public static final String TOPIC = "im-group-event";

    public GroupEvent {
        userIds = List.copyOf(userIds);
    }
}
