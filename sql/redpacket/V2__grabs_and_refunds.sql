-- One row per grab. The primary key makes a second grab by one user impossible, the unique share
-- index a share taken twice; both hold even when Redis lost its copy of the shares.
CREATE TABLE IF NOT EXISTS red_packet_grab (
  packet_id  BIGINT NOT NULL,
  user_id    BIGINT NOT NULL,
  share_idx  INT    NOT NULL,
  amount     BIGINT NOT NULL,
  grab_time  BIGINT NOT NULL,
  PRIMARY KEY (packet_id, user_id),
  UNIQUE KEY ux_red_packet_grab_share (packet_id, share_idx)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- status: 0 open, 1 expired (the unclaimed amount went back to the sender as refunded_amount).
ALTER TABLE red_packet ADD COLUMN IF NOT EXISTS refunded_amount BIGINT NOT NULL DEFAULT 0;
