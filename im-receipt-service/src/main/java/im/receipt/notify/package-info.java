/** {@code RECEIPT_NOTIFY}: count changes coalesced per message and sent to senders in few frames. */
package im.receipt.notify;
