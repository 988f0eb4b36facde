/**
 * Transactions over the Seata-proxied wallet and red-packet databases: global transactions (AT) for
 * work that spans both, and local transactions under Seata's global lock for work in one, so a local
 * write never slips under a global transaction that might still roll back (which would make its undo
 * log dirty).
 */
package im.redpacket.tx;
