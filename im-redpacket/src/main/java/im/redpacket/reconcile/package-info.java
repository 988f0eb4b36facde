/** Reconciliation: the books checked against themselves, every difference reported. */
package im.redpacket.reconcile;
