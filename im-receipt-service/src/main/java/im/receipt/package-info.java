/** im-receipt-service: read receipts. */
package im.receipt;
