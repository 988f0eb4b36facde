/** {@code RECEIPT_QUERY}: exact read and unread lists for the sender and tenant admins. */
package im.receipt.query;
