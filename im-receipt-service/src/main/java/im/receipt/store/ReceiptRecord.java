package im.receipt.store;

/**
 * One receipt-needing message as stored: its recipients at send time and who of them has read it.
 *
 * @param recipients ascending recipient ids; position {@code i} is bit {@code i} of {@code reads}
 */
public record ReceiptRecord(long msgId, long tenantId, int convType, long convId, long senderId, long sendTime,
                            long[] recipients, ReadBitmap reads) {
}
