package im.receipt.query;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.AuthorizationService;
import im.api.org.SendGrant;
import im.receipt.store.ReceiptRecord;
import java.util.function.Supplier;
import org.apache.dubbo.rpc.RpcException;

/**
 * Tenant admins as im-org-service knows them. im-api's org contract has no "is tenant admin" call
 * yet; its send check has the answer: for a single chat, {@link SendGrant#privileged()} is exactly
 * "the sender is a tenant admin" (AuthorizationService documents it). So the caller's right to message
 * a member of the conversation is asked: first the message's sender, then a few recipients (one of
 * them may be disabled since). A refusal of every probe, or an unknown or disabled caller, means "not
 * an admin". Answers from im-org-service's in-memory cache: no database round trip. Thread-safe.
 */
public final class OrgTenantAdmins implements TenantAdmins {
    /** Members tried as the peer of the probe before answering "no". */
    static final int PROBES = 4;

    private final Supplier<AuthorizationService> org;

    public OrgTenantAdmins(Supplier<AuthorizationService> org) {
        this.org = org;
    }

    @Override
    public boolean isTenantAdmin(long tenantId, long userId, ReceiptRecord message) throws ImException {
        int tried = 0;
        for (int i = -1; i < message.recipients().length && tried < PROBES; i++) {
            long peer = i < 0 ? message.senderId() : message.recipients()[i];
            if (peer == userId) {
                continue;
            }
            tried++;
            try {
                return org.get().authorizeSend(tenantId, userId, AuthorizationService.CONV_SINGLE, peer).privileged();
            } catch (ImException e) {
                if (e.code() == ErrorCode.UNAUTHENTICATED) {
                    return false; // the caller itself is unknown, disabled or of another tenant
                }
                // this peer is disabled, gone or hidden: try the next one
            } catch (RpcException e) {
                throw new ImException(ErrorCode.BUSY, "im-org-service unavailable for the admin check: "
                        + e.getMessage(), e);
            }
        }
        return false;
    }
}
