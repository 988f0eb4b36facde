package im.org.authz;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.AuthorizationService;
import im.api.org.GroupRole;
import im.api.org.SendGrant;

/**
 * The send check of {@link AuthorizationService}, exported over Dubbo and called by im-logic on every
 * message. Reads only {@link OrgCache}; a refusal is a preallocated stackless exception, so a
 * refused send costs no allocation of a stack trace. Thread-safe.
 */
public final class AuthorizationEndpoint implements AuthorizationService {
    private static final ImException BAD_CONV_TYPE = ImException.stackless(ErrorCode.BAD_REQUEST, "unknown conv type");
    private static final ImException TO_SELF = ImException.stackless(ErrorCode.BAD_REQUEST, "cannot message yourself");
    private static final ImException UNKNOWN_SENDER =
            ImException.stackless(ErrorCode.UNAUTHENTICATED, "unknown or disabled sender");
    private static final ImException NO_USER = ImException.stackless(ErrorCode.NOT_FOUND, "no such user");
    private static final ImException NO_GROUP = ImException.stackless(ErrorCode.NOT_FOUND, "no such group");
    private static final ImException OTHER_TENANT = ImException.stackless(ErrorCode.FORBIDDEN, "other tenant");
    private static final ImException HIDDEN = ImException.stackless(ErrorCode.FORBIDDEN, "not visible to you");
    private static final ImException PEER_DISABLED = ImException.stackless(ErrorCode.FORBIDDEN, "account disabled");
    private static final ImException NOT_MEMBER = ImException.stackless(ErrorCode.FORBIDDEN, "not a member of the group");
    private static final ImException MUTED = ImException.stackless(ErrorCode.MUTED, "you are muted in this group");

    private final OrgCache cache;

    public AuthorizationEndpoint(OrgCache cache) {
        this.cache = cache;
    }

    @Override
    public SendGrant authorizeSend(long tenantId, long senderId, int convType, long targetId) throws ImException {
        if (convType != CONV_SINGLE && convType != CONV_GROUP) {
            throw BAD_CONV_TYPE;
        }
        UserCard sender = senderId > 0 ? cache.user(senderId) : null;
        if (sender == null || sender.tenantId() != tenantId || sender.disabled()) {
            throw UNKNOWN_SENDER;
        }
        return convType == CONV_SINGLE ? single(sender, targetId) : group(sender, targetId);
    }

    private SendGrant single(UserCard sender, long targetId) throws ImException {
        if (targetId == sender.userId()) {
            throw TO_SELF;
        }
        UserCard target = targetId > 0 ? cache.user(targetId) : null;
        if (target == null) {
            throw NO_USER;
        }
        if (target.tenantId() != sender.tenantId()) {
            throw OTHER_TENANT;
        }
        if (target.disabled()) {
            throw PEER_DISABLED;
        }
        if (!VisibilityRules.canSee(sender, target, cache.rules(sender.tenantId()))) {
            throw HIDDEN;
        }
        return new SendGrant(sender.tenantId(), sender.userId(), CONV_SINGLE, targetId, 0L, sender.tenantAdmin());
    }

    private SendGrant group(UserCard sender, long groupId) throws ImException {
        GroupCard group = groupId > 0 ? cache.group(groupId) : null;
        if (group == null) {
            throw NO_GROUP;
        }
        if (group.tenantId != sender.tenantId()) {
            throw OTHER_TENANT;
        }
        int index = group.indexOf(sender.userId());
        if (index < 0) {
            throw NOT_MEMBER;
        }
        if (group.muted(index)) {
            throw MUTED;
        }
        boolean privileged = sender.tenantAdmin() || group.role(index) != GroupRole.MEMBER;
        return new SendGrant(sender.tenantId(), sender.userId(), CONV_GROUP, groupId, group.version, privileged);
    }
}
