-- Read receipts (im-receipt-service), sharded by msg_id: one row per receipt-needing message, however
-- large its group. recipients: the recipient ids at send time, ascending, as delta varints (about
-- 2-4 bytes per member); read_bits: bit i set when recipient i has read it. Read + unread is
-- therefore always the recipients at send time: later members have no position, members who left
-- keep theirs.
CREATE TABLE IF NOT EXISTS receipt_message_${shard} (
  msg_id           BIGINT      NOT NULL PRIMARY KEY,
  tenant_id        BIGINT      NOT NULL,
  conv_type        TINYINT     NOT NULL,
  conv_id          BIGINT      NOT NULL,
  sender_id        BIGINT      NOT NULL,
  send_time        BIGINT      NOT NULL,
  recipient_count  INT         NOT NULL,
  recipients       MEDIUMBLOB  NOT NULL,
  read_bits        BLOB        NOT NULL,
  read_count       INT         NOT NULL DEFAULT 0,
  update_time      BIGINT      NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Read marks that arrived before their message's sent event (the two come on different topics):
-- folded into receipt_message and deleted when the message is recorded. Sharded like it, so a
-- message's row and its early marks share one physical database.
CREATE TABLE IF NOT EXISTS receipt_early_read_${shard} (
  msg_id     BIGINT NOT NULL,
  reader_id  BIGINT NOT NULL,
  read_time  BIGINT NOT NULL,
  PRIMARY KEY (msg_id, reader_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
