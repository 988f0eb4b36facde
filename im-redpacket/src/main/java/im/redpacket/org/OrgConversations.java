package im.redpacket.org;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.AuthorizationService;
import im.api.org.Caller;
import im.api.org.GroupService;
import im.api.org.UserService;
import java.util.function.Supplier;

/** {@link Conversations} answered by im-org-service over Dubbo. Thread-safe. */
public final class OrgConversations implements Conversations {
    private static final ImException NOT_MEMBER = ImException.stackless(ErrorCode.FORBIDDEN,
            "not a member of the red packet's conversation");

    private final Supplier<AuthorizationService> authorization;
    private final Supplier<GroupService> groups;
    private final Supplier<UserService> users;

    public OrgConversations(Supplier<AuthorizationService> authorization, Supplier<GroupService> groups,
                            Supplier<UserService> users) {
        this.authorization = authorization;
        this.groups = groups;
        this.users = users;
    }

    @Override
    public void authorizeSend(long tenantId, long senderId, int convType, long convId) throws ImException {
        authorization.get().authorizeSend(tenantId, senderId, convType, convId);
    }

    @Override
    public int groupSize(long groupId) throws ImException {
        return groups.get().members(groupId).userIds().size();
    }

    @Override
    public void requireGroupMember(long tenantId, long userId, long groupId) throws ImException {
        try {
            authorization.get().authorizeSend(tenantId, userId, AuthorizationService.CONV_GROUP, groupId);
        } catch (ImException e) {
            if (e.code() == ErrorCode.MUTED) {
                return; // muted members are members: they may not talk, but they may grab
            }
            if (e.code() == ErrorCode.FORBIDDEN || e.code() == ErrorCode.NOT_FOUND) {
                throw NOT_MEMBER;
            }
            throw e;
        }
    }

    /** A tenant admin sees every user of its tenant, so the send check answers it. */
    @Override
    public boolean isUserOfTenant(Caller admin, long userId) throws ImException {
        if (userId == admin.userId()) {
            return true;
        }
        try {
            authorization.get().authorizeSend(admin.tenantId(), admin.userId(), AuthorizationService.CONV_SINGLE, userId);
            return true;
        } catch (ImException e) {
            if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.FORBIDDEN) {
                return false;
            }
            throw e;
        }
    }

    /**
     * There is no role query in the org contract; listing the tenant's first user is the cheapest call
     * only a tenant admin may make (the same rule {@code SearchRoutes} relies on), so the organisation
     * decides, not a copy of its rule here.
     */
    @Override
    public void requireTenantAdmin(Caller caller) throws ImException {
        if (caller.isPlatformAdmin()) {
            throw ImException.stackless(ErrorCode.FORBIDDEN, "the platform admin is no tenant admin");
        }
        users.get().list(caller, 0, 1, 1);
    }
}
