package im.redpacket.support;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.AuthorizationService;
import im.api.org.Caller;
import im.redpacket.org.Conversations;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The organisation as these tests need it, standing in for im-org-service (a service, not
 * infrastructure): one tenant's users, groups, tenant admins. It refuses what im-org-service refuses
 * (strangers, non-members, non-admins), so tests exercise the refusals too.
 */
public final class TestConversations implements Conversations {
    private final long tenantId;
    private final Set<Long> users = ConcurrentHashMap.newKeySet();
    private final Set<Long> admins = ConcurrentHashMap.newKeySet();
    private final Map<Long, Set<Long>> groups = new ConcurrentHashMap<>();

    public TestConversations(long tenantId) {
        this.tenantId = tenantId;
    }

    public TestConversations group(long groupId, List<Long> members) {
        users.addAll(members);
        groups.put(groupId, Set.copyOf(members));
        return this;
    }

    public TestConversations admin(long userId) {
        users.add(userId);
        admins.add(userId);
        return this;
    }

    public TestConversations user(long userId) {
        users.add(userId);
        return this;
    }

    @Override
    public void authorizeSend(long tenant, long senderId, int convType, long convId) throws ImException {
        if (tenant != tenantId || !users.contains(senderId)) {
            throw ImException.stackless(ErrorCode.UNAUTHENTICATED, "unknown sender");
        }
        if (convType == AuthorizationService.CONV_SINGLE) {
            if (!users.contains(convId)) {
                throw ImException.stackless(ErrorCode.NOT_FOUND, "no such user");
            }
            return;
        }
        Set<Long> members = groups.get(convId);
        if (members == null) {
            throw ImException.stackless(ErrorCode.NOT_FOUND, "no such group");
        }
        if (!members.contains(senderId)) {
            throw ImException.stackless(ErrorCode.FORBIDDEN, "not a member");
        }
    }

    @Override
    public int groupSize(long groupId) throws ImException {
        Set<Long> members = groups.get(groupId);
        if (members == null) {
            throw ImException.stackless(ErrorCode.NOT_FOUND, "no such group");
        }
        return members.size();
    }

    @Override
    public void requireGroupMember(long tenant, long userId, long groupId) throws ImException {
        Set<Long> members = groups.get(groupId);
        if (tenant != tenantId || members == null || !members.contains(userId)) {
            throw ImException.stackless(ErrorCode.FORBIDDEN, "not a member");
        }
    }

    @Override
    public boolean isUserOfTenant(Caller admin, long userId) {
        return admin.tenantId() == tenantId && users.contains(userId);
    }

    @Override
    public void requireTenantAdmin(Caller caller) throws ImException {
        if (caller.tenantId() != tenantId || !admins.contains(caller.userId())) {
            throw ImException.stackless(ErrorCode.FORBIDDEN, "tenant admins only");
        }
    }
}
