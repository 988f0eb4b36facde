-- Red packets; amounts in cents.
CREATE TABLE IF NOT EXISTS red_packet (
  id                BIGINT       NOT NULL PRIMARY KEY,
  tenant_id         BIGINT       NOT NULL,
  sender_id         BIGINT       NOT NULL,
  conv_type         TINYINT      NOT NULL,
  conv_id           BIGINT       NOT NULL,
  kind              TINYINT      NOT NULL,
  total_amount      BIGINT       NOT NULL,
  total_count       INT          NOT NULL,
  remaining_amount  BIGINT       NOT NULL,
  remaining_count   INT          NOT NULL,
  greeting          VARCHAR(128) NOT NULL DEFAULT '',
  status            TINYINT      NOT NULL DEFAULT 0,
  create_time       BIGINT       NOT NULL,
  expire_time       BIGINT       NOT NULL,
  KEY idx_red_packet_expiry (status, expire_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Seata AT mode: before/after images of each branch, for rollback.
CREATE TABLE IF NOT EXISTS undo_log (
  branch_id      BIGINT       NOT NULL,
  xid            VARCHAR(128) NOT NULL,
  context        VARCHAR(128) NOT NULL,
  rollback_info  LONGBLOB     NOT NULL,
  log_status     INT          NOT NULL,
  log_created    DATETIME(6)  NOT NULL,
  log_modified   DATETIME(6)  NOT NULL,
  UNIQUE KEY ux_undo_log (xid, branch_id),
  KEY ix_log_created (log_created)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
