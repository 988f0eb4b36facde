-- credited: 1 once the wallet ledger is known to hold grab:<packet_id>:<user_id>. A claim commits with 0;
-- the credit sweep (im.redpacket.grab.CreditSweeper) credits what RocketMQ never delivered, the ledger key
-- making it a no-op when it did, and sets 1. Grabs older than this version start at 0 too: the sweep
-- finds their credits by key and only marks them.
ALTER TABLE red_packet_grab ADD COLUMN IF NOT EXISTS credited TINYINT NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS idx_red_packet_grab_uncredited ON red_packet_grab (credited, grab_time);
