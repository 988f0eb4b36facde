package im.api.receipt;

import im.api.ImException;
import im.api.message.SessionCaller;

/**
 * Read receipts (PROTOCOL.md semantics 8), exported by im-receipt-service in Dubbo group
 * {@value #GROUP} and called by im-access for {@code RECEIPT_QUERY_REQ}.
 */
public interface ReceiptService {
    /** The Dubbo group im-receipt-service exports in. */
    String GROUP = "im-receipt-service";

    /**
     * Who of the message's recipients at send time has read it. Only the sender and the tenant's
     * admins may ask.
     *
     * @throws ImException {@code BAD_REQUEST} for a non-positive id or a caller without tenant or user,
     *                     {@code NOT_FOUND} for a message without receipts (unknown, sent without
     *                     {@code need_receipt}, or not recorded yet: receipts follow the send within
     *                     moments) or of another tenant, {@code FORBIDDEN} for anyone but the sender and
     *                     tenant admins, {@code BUSY} when the receipt store or im-org-service cannot
     *                     answer now
     */
    ReceiptDetail query(SessionCaller caller, long msgId) throws ImException;
}
