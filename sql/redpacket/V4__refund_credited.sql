-- refund_credited: 1 once the wallet ledger is known to hold refund:<id> (or nothing was left to refund).
-- The expiry (status 1, refunded_amount) commits with 0; the refund scan (im.redpacket.expiry.RefundJob)
-- credits the sender by that key and sets 1, also for an expiry whose refund a crash interrupted.
-- Packets expired before this version start at 0 too: the scan finds their refund by key and marks them.
ALTER TABLE red_packet ADD COLUMN IF NOT EXISTS refund_credited TINYINT NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS idx_red_packet_refund_due ON red_packet (status, refund_credited, expire_time);
