-- The sender of each stream entry, so unread ("entries from others after the read seq") is counted
-- from the stream alone, and an index to count and page one conversation of one user.
ALTER TABLE user_timeline_${shard}
  ADD COLUMN from_user_id BIGINT NOT NULL DEFAULT 0,
  ADD KEY idx_timeline_conv (user_id, conv_type, conv_id, seq);

-- The durable fan-out queue: one row per message (or recall) to write into the members' streams,
-- sharded by conv_id so one conversation's jobs live in one table. A job is written before the
-- sender is answered; whoever holds the conversation's lock drains its pending jobs in job_id order.
-- SINGLE chats: conv_id = the smaller user id, conv_peer = the larger; GROUP: conv_id = the group, conv_peer = 0.
CREATE TABLE IF NOT EXISTS fanout_job_${shard} (
  job_id        BIGINT   NOT NULL PRIMARY KEY,
  conv_type     TINYINT  NOT NULL,
  conv_id       BIGINT   NOT NULL,
  conv_peer     BIGINT   NOT NULL,
  -- 0 NORMAL (a sent message), 1 RECALL
  kind          TINYINT  NOT NULL,
  msg_id        BIGINT   NOT NULL,
  operator_id   BIGINT   NOT NULL,
  -- 0 pending, 1 done
  state         TINYINT  NOT NULL DEFAULT 0,
  -- the operator's own entry in its stream, once done (0 when it has none)
  sender_seq    BIGINT   NOT NULL DEFAULT 0,
  attempts      INT      NOT NULL DEFAULT 0,
  create_time   BIGINT   NOT NULL,
  update_time   BIGINT   NOT NULL,
  KEY idx_fanout_pending (conv_id, conv_type, conv_peer, state, job_id),
  KEY idx_fanout_stale (state, update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
