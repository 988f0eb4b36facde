/** Expiry: the scan that refunds what is left of expired packets to their senders, exactly once. */
package im.redpacket.expiry;
