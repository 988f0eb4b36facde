package im.receipt.query;

import im.api.ImException;
import im.receipt.store.ReceiptRecord;

/** Tells whether a user is an admin of its tenant, for {@code RECEIPT_QUERY}'s permission check. */
@FunctionalInterface
public interface TenantAdmins {
    /**
     * @param message the message being asked about: an implementation may use its members as
     *                reference points
     * @throws ImException {@code BUSY} when the organisation cannot be asked now
     */
    boolean isTenantAdmin(long tenantId, long userId, ReceiptRecord message) throws ImException;
}
