package im.logic.send;

import im.api.ImException;
import im.api.org.SendGrant;
import java.util.concurrent.CompletableFuture;

/**
 * The send check of PROTOCOL.md section 4.9, answered by im-org-service's
 * {@code AuthorizationService.authorizeSend} in production ({@link OrgPorts}). There is no
 * allow-everything implementation: without im-org-service a send is refused.
 */
@FunctionalInterface
public interface SendAuthorizer {

    /** @throws ImException the refusal ({@code FORBIDDEN}, {@code NOT_FOUND}, {@code MUTED}, ...) or {@code BUSY} */
    SendGrant authorize(long tenantId, long senderId, int convType, long targetId) throws ImException;

    /**
     * {@link #authorize} without holding the calling thread: the future fails with the refusal. The
     * default answers on the calling thread; remote implementations override it.
     */
    default CompletableFuture<SendGrant> authorizeAsync(long tenantId, long senderId, int convType, long targetId) {
        try {
            return CompletableFuture.completedFuture(authorize(tenantId, senderId, convType, targetId));
        } catch (ImException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
