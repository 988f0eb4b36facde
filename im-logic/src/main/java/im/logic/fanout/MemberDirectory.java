package im.logic.fanout;

import im.api.ImException;
import im.api.org.GroupMembers;
import java.util.concurrent.CompletableFuture;

/**
 * Group members for the fan-out: im-org-service's {@code GroupService.members} in production
 * ({@code im.logic.send.OrgPorts}).
 */
@FunctionalInterface
public interface MemberDirectory {

    /** @throws ImException {@code NOT_FOUND} for an unknown or dismissed group, {@code BUSY} when unreachable */
    GroupMembers members(long groupId) throws ImException;

    /** {@link #members} without holding the calling thread (the default answers on it). */
    default CompletableFuture<GroupMembers> membersAsync(long groupId) {
        try {
            return CompletableFuture.completedFuture(members(groupId));
        } catch (ImException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
