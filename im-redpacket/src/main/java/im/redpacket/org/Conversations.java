package im.redpacket.org;

import im.api.ImException;
import im.api.org.Caller;

/**
 * The organisation's answers im-redpacket needs, behind one small port so the red-packet logic reads
 * without Dubbo. {@link OrgConversations} asks im-org-service.
 */
public interface Conversations {

    /**
     * The send check of a chat message (same tenant, visibility, membership, mute).
     *
     * @throws ImException as {@code AuthorizationService.authorizeSend}
     */
    void authorizeSend(long tenantId, long senderId, int convType, long convId) throws ImException;

    /** Members of a live group, sender included. */
    int groupSize(long groupId) throws ImException;

    /**
     * Is {@code userId} of {@code tenantId} a member of the group (muted members are)?
     *
     * @throws ImException {@code FORBIDDEN} when not
     */
    void requireGroupMember(long tenantId, long userId, long groupId) throws ImException;

    /** Is {@code userId} a user of the admin's tenant? (im-org-service knows; the wallet database does not.) */
    boolean isUserOfTenant(Caller admin, long userId) throws ImException;

    /** @throws ImException {@code FORBIDDEN} unless the caller is a tenant admin of its tenant */
    void requireTenantAdmin(Caller caller) throws ImException;
}
