/** Wallets: balances in cents and the append-only ledger that explains every balance. */
package im.redpacket.wallet;
