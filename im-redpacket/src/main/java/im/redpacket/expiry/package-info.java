/**
 * Expiry: the scan that refunds what is left of expired packets to their senders, exactly once, and
 * finishes refunds a crash interrupted.
 */
package im.redpacket.expiry;
