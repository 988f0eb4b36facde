-- Message content: one row per message, sharded by msg_id.
CREATE TABLE IF NOT EXISTS message_${shard} (
  msg_id         BIGINT        NOT NULL PRIMARY KEY,
  tenant_id      BIGINT        NOT NULL,
  conv_type      TINYINT       NOT NULL,
  -- SINGLE: the recipient; GROUP: the group
  conv_id        BIGINT        NOT NULL,
  from_user_id   BIGINT        NOT NULL,
  client_msg_id  VARCHAR(64)   NOT NULL,
  content_type   TINYINT       NOT NULL,
  text           TEXT          NULL,
  payload        BLOB          NULL,
  need_receipt   TINYINT(1)    NOT NULL DEFAULT 0,
  mentions       VARCHAR(2048) NULL,
  send_time      BIGINT        NOT NULL,
  recalled       TINYINT(1)    NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Each user's stream (write fan-out): one row per recipient and per sender copy, sharded by user_id.
CREATE TABLE IF NOT EXISTS user_timeline_${shard} (
  user_id       BIGINT   NOT NULL,
  seq           BIGINT   NOT NULL,
  msg_id        BIGINT   NOT NULL,
  -- 0 NORMAL, 1 RECALL, 2 GROUP_EVENT
  kind          TINYINT  NOT NULL DEFAULT 0,
  conv_type     TINYINT  NOT NULL,
  conv_id       BIGINT   NOT NULL,
  ref_msg_id    BIGINT   NOT NULL DEFAULT 0,
  create_time   BIGINT   NOT NULL,
  PRIMARY KEY (user_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Per user and conversation: last message, read position, unread count; sharded by user_id.
CREATE TABLE IF NOT EXISTS conversation_${shard} (
  user_id       BIGINT   NOT NULL,
  conv_type     TINYINT  NOT NULL,
  conv_id       BIGINT   NOT NULL,
  last_msg_id   BIGINT   NOT NULL DEFAULT 0,
  last_seq      BIGINT   NOT NULL DEFAULT 0,
  read_seq      BIGINT   NOT NULL DEFAULT 0,
  unread        INT      NOT NULL DEFAULT 0,
  update_time   BIGINT   NOT NULL,
  PRIMARY KEY (user_id, conv_type, conv_id),
  KEY idx_conversation_recent (user_id, update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The persisted end of each user's current seq section, so a Redis loss never reuses a seq.
CREATE TABLE IF NOT EXISTS seq_section_${shard} (
  user_id   BIGINT NOT NULL PRIMARY KEY,
  max_seq   BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
