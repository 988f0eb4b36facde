package im.logic.fanout;

import im.api.ImException;
import im.api.org.GroupMembers;

/**
 * Group members for the fan-out: im-org-service's {@code GroupService.members} in production
 * ({@code im.logic.send.OrgPorts}).
 */
@FunctionalInterface
public interface MemberDirectory {

    /** @throws ImException {@code NOT_FOUND} for an unknown or dismissed group, {@code BUSY} when unreachable */
    GroupMembers members(long groupId) throws ImException;
}
