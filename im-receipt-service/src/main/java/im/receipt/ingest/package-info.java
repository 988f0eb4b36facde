/**
 * The RocketMQ consumers that feed receipts: sent events record receipt-needing messages, read events
 * (ordered per conversation, merged in bursts) set read bits. Offsets move only after the store
 * committed, and applying anything twice changes nothing.
 */
package im.receipt.ingest;
