package im.logic.send;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.AuthorizationService;
import im.api.org.GroupMembers;
import im.api.org.GroupService;
import im.logic.fanout.MemberDirectory;
import java.util.function.Supplier;
import org.apache.dubbo.rpc.RpcException;

/**
 * im-logic's ports onto im-org-service over Dubbo. im-org-service answers both from its in-memory
 * organisation cache; an unreachable provider becomes {@code BUSY} (retry; nothing was stored).
 */
public final class OrgPorts {
    private OrgPorts() {
    }

    public static SendAuthorizer authorizer(Supplier<AuthorizationService> service) {
        return (tenantId, senderId, convType, targetId) -> {
            try {
                return service.get().authorizeSend(tenantId, senderId, convType, targetId);
            } catch (RpcException e) {
                throw new ImException(ErrorCode.BUSY, "im-org-service unavailable for the send check: "
                        + e.getMessage(), e);
            }
        };
    }

    public static MemberDirectory members(Supplier<GroupService> service) {
        return groupId -> {
            try {
                GroupMembers members = service.get().members(groupId);
                return members;
            } catch (RpcException e) {
                throw new ImException(ErrorCode.BUSY, "im-org-service unavailable for group members: "
                        + e.getMessage(), e);
            }
        };
    }
}
