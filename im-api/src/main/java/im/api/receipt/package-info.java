/**
 * The read-receipt contract: im-receipt-service records each receipt-needing message's recipients,
 * absorbs the read events im-logic publishes and answers {@code RECEIPT_QUERY} exactly.
 */
package im.api.receipt;
