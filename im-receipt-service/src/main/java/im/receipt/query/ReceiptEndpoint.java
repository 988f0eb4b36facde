package im.receipt.query;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.SessionCaller;
import im.api.receipt.ReceiptDetail;
import im.api.receipt.ReceiptService;
import im.receipt.store.ReadBitmap;
import im.receipt.store.ReceiptRecord;
import im.receipt.store.ReceiptStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ReceiptService} as exported over Dubbo: one primary-key read of the message's row, the
 * permission check, then the recipients split by their read bit, so {@code read + unread} is the
 * recipients at send time by construction. Refusals are stackless (routine for clients). Thread-safe.
 */
public final class ReceiptEndpoint implements ReceiptService {
    private static final ImException NO_CALLER = ImException.stackless(ErrorCode.BAD_REQUEST, "caller missing");
    private static final ImException BAD_MSG_ID = ImException.stackless(ErrorCode.BAD_REQUEST,
            "msg_id must be positive");
    private static final ImException NOT_FOUND = ImException.stackless(ErrorCode.NOT_FOUND,
            "no receipts for this message");
    private static final ImException FORBIDDEN = ImException.stackless(ErrorCode.FORBIDDEN,
            "only the sender or a tenant admin may see its receipts");

    private final ReceiptStore store;
    private final TenantAdmins admins;

    public ReceiptEndpoint(ReceiptStore store, TenantAdmins admins) {
        this.store = store;
        this.admins = admins;
    }

    @Override
    public ReceiptDetail query(SessionCaller caller, long msgId) throws ImException {
        if (caller == null || caller.tenantId() <= 0 || caller.userId() <= 0) {
            throw NO_CALLER;
        }
        if (msgId <= 0) {
            throw BAD_MSG_ID;
        }
        ReceiptRecord r;
        try {
            r = store.find(msgId).orElseThrow(() -> NOT_FOUND);
        } catch (SQLException | RuntimeException e) {
            throw new ImException(ErrorCode.BUSY, "Failed to read receipts of message " + msgId + ": " + e, e);
        }
        if (r.tenantId() != caller.tenantId()) {
            throw NOT_FOUND; // another tenant's message does not exist for this caller
        }
        if (r.senderId() != caller.userId() && !admins.isTenantAdmin(caller.tenantId(), caller.userId(), r)) {
            throw FORBIDDEN;
        }
        return detail(r);
    }

    static ReceiptDetail detail(ReceiptRecord r) {
        ReadBitmap reads = r.reads();
        List<Long> read = new ArrayList<>(reads.count());
        List<Long> unread = new ArrayList<>(r.recipients().length - reads.count());
        for (int i = 0; i < r.recipients().length; i++) {
            (reads.isSet(i) ? read : unread).add(r.recipients()[i]);
        }
        return new ReceiptDetail(r.msgId(), read, unread);
    }
}
