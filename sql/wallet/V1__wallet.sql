-- One wallet per user; balance in cents. Money moves only inside Seata global transactions.
CREATE TABLE IF NOT EXISTS wallet (
  user_id     BIGINT NOT NULL PRIMARY KEY,
  tenant_id   BIGINT NOT NULL,
  balance     BIGINT NOT NULL DEFAULT 0,
  updated_at  BIGINT NOT NULL,
  CONSTRAINT ck_wallet_balance CHECK (balance >= 0)
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
