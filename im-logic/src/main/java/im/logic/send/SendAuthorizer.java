package im.logic.send;

import im.api.ImException;
import im.api.org.SendGrant;

/**
 * The send check of PROTOCOL.md section 4.9, answered by im-org-service's
 * {@code AuthorizationService.authorizeSend} in production ({@link OrgPorts}). There is no
 * allow-everything implementation: without im-org-service a send is refused.
 */
@FunctionalInterface
public interface SendAuthorizer {

    /** @throws ImException the refusal ({@code FORBIDDEN}, {@code NOT_FOUND}, {@code MUTED}, ...) or {@code BUSY} */
    SendGrant authorize(long tenantId, long senderId, int convType, long targetId) throws ImException;
}
