-- The append-only ledger: every change of a balance is one row whose business key is unique, so a
-- replayed change (a redelivered credit, a repeated top-up) is refused by the key and applied once.
-- kind: 1 top-up, 2 red packet sent (debit), 3 red packet grabbed (credit), 4 red packet refund.
-- biz_key: topup:<tenantId>:<topUpId>, send:<packetId>, grab:<packetId>:<userId>, refund:<packetId>.
-- operator_id: who made it (the tenant admin of a top-up; the user otherwise).
CREATE TABLE IF NOT EXISTS wallet_ledger (
  biz_key     VARCHAR(96) NOT NULL PRIMARY KEY,
  user_id     BIGINT      NOT NULL,
  tenant_id   BIGINT      NOT NULL,
  amount      BIGINT      NOT NULL,
  kind        TINYINT     NOT NULL,
  ref_id      BIGINT      NOT NULL DEFAULT 0,
  operator_id BIGINT      NOT NULL,
  created_at  BIGINT      NOT NULL,
  KEY idx_wallet_ledger_user (user_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
