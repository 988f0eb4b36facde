/**
 * Receipt storage in the {@code receipt} database: one row per receipt-needing message holding its
 * recipients at send time ({@link im.receipt.store.RecipientCodec}) and a read bitmap over their
 * positions ({@link im.receipt.store.ReadBitmap}); early read marks wait in their own table until the
 * message is recorded.
 */
package im.receipt.store;
