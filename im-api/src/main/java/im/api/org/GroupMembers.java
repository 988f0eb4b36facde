package im.api.org;

import java.io.Serializable;
import java.util.List;

/**
 * The member list of a group for fan-out (up to 10,000 ids), with the group's membership version.
 * The version increases with every membership change, and {@link GroupEvent#version()} carries the
 * same number, so a consumer that caches this list knows when it is stale.
 *
 * @param groupId  the group
 * @param tenantId its tenant
 * @param version  the membership version this list is
 * @param userIds  every member, ascending
 */
public record GroupMembers(long groupId, long tenantId, long version, List<Long> userIds) implements Serializable {
    public GroupMembers {
        userIds = List.copyOf(userIds);
    }
}
