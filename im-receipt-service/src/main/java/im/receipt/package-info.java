/**
 * im-receipt-service: read receipts (PROTOCOL.md semantics 8) for single chats and groups of up to
 * 10,000 members.
 *
 * <h2>Which messages a read covers</h2>
 * im-logic's read event names them: when a {@code READ_REQ} moves the reader's read seq, im-logic reads
 * the reader's own stream between the old and the new read seq and lists the receipt-needing messages
 * from others there ({@code MessageReadEvent.receiptMsgIds}, at most 1,000 per event, a long catch-up
 * becomes several events). The alternative, a per-(conversation, reader) watermark by message id, would
 * need message ids to follow the conversation's order, which they need not: ids are assigned on many
 * im-logic nodes before the conversation's fan-out lock orders them. The stream is each reader's own
 * truth, so marks are exact by construction.
 *
 * <h2>Layout</h2>
 * One row per receipt-needing message in the {@code receipt} database (sharded by {@code msg_id}):
 * the recipients at send time, ascending, as delta varints, and a read bitmap over their positions.
 * A 10,000-member group's message costs one row of ~20-30 KB plus 1,250 bytes of bitmap, written once
 * by the sent-event consumer, off im-logic's send path. Read + unread is the recipient list by
 * construction: members who join later have no position; members who leave keep theirs.
 * Its own database because only this service writes it, it grows with messages (every single-chat
 * message needs a receipt) and it scales and migrates apart from im-logic's {@code msg} database.
 *
 * <h2>Flow</h2>
 * Read events are queued per conversation by im-logic; one orderly consumer per queue merges a burst of
 * events into one mark set per message and applies it in one transaction; the queue's offset moves
 * only after the commit, so a killed process loses nothing and redelivery re-sets bits already set.
 * Changed counts go to {@link im.receipt.notify.ReceiptNotifier}, which sends each sender at most one
 * {@code RECEIPT_NOTIFY} per message per second, many messages per frame.
 */
package im.receipt;
