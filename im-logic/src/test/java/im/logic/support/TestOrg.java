package im.logic.support;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.GroupMembers;
import im.api.org.SendGrant;
import im.logic.fanout.MemberDirectory;
import im.logic.send.SendAuthorizer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The organisation as these tests need it, standing in for im-org-service (a service, not
 * infrastructure): one tenant's users, groups with members, privileged users. It refuses what
 * im-org-service refuses (strangers, non-members), so tests exercise the refusals too.
 */
public final class TestOrg implements SendAuthorizer, MemberDirectory {
    private final long tenantId;
    private final Set<Long> users = ConcurrentHashMap.newKeySet();
    private final Map<Long, List<Long>> groups = new ConcurrentHashMap<>();
    private final Set<Long> privileged = ConcurrentHashMap.newKeySet();

    public TestOrg(long tenantId) {
        this.tenantId = tenantId;
    }

    public long tenantId() {
        return tenantId;
    }

    public TestOrg users(List<Long> ids) {
        users.addAll(ids);
        return this;
    }

    public TestOrg group(long groupId, List<Long> members) {
        users.addAll(members);
        groups.put(groupId, List.copyOf(members));
        return this;
    }

    /** The group is gone: {@link #members} answers NOT_FOUND, as im-org-service does for a dismissed group. */
    public TestOrg dismiss(long groupId) {
        groups.remove(groupId);
        return this;
    }

    public TestOrg privileged(long userId) {
        privileged.add(userId);
        return this;
    }

    @Override
    public SendGrant authorize(long tenant, long senderId, int convType, long targetId) throws ImException {
        if (tenant != tenantId || !users.contains(senderId)) {
            throw ImException.stackless(ErrorCode.UNAUTHENTICATED, "unknown sender");
        }
        if (convType == 1) {
            if (!users.contains(targetId)) {
                throw ImException.stackless(ErrorCode.NOT_FOUND, "unknown user");
            }
        } else {
            List<Long> members = groups.get(targetId);
            if (members == null) {
                throw ImException.stackless(ErrorCode.NOT_FOUND, "unknown group");
            }
            if (!members.contains(senderId)) {
                throw ImException.stackless(ErrorCode.FORBIDDEN, "not a member");
            }
        }
        return new SendGrant(tenant, senderId, convType, targetId, 1, privileged.contains(senderId));
    }

    @Override
    public GroupMembers members(long groupId) throws ImException {
        List<Long> members = groups.get(groupId);
        if (members == null) {
            throw ImException.stackless(ErrorCode.NOT_FOUND, "unknown group");
        }
        return new GroupMembers(groupId, tenantId, 1, members);
    }
}
