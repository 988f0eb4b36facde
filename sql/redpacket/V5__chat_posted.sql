-- chat_msg_id: the RED_PACKET chat message's id once im-redpacket knows it is posted, -1 when im-logic
-- refused it for good (the sender left the group; the money comes back at expiry), 0 while not known.
-- The send sets it when its own post answers; the chat sweep (im.redpacket.send.ChatSweeper) posts the
-- committed packets still at 0 after redpacket.chat.sweep.after.ms (the half message may have been dropped
-- by the broker after its check-backs failed) and sets it; im-logic's client_msg_id de-duplication makes a
-- repeat of a post that did happen answer the same message. Packets older than this version start at 0:
-- the sweep finds those of the last 23 h already posted (a de-duplicated repeat) and only marks them.
ALTER TABLE red_packet ADD COLUMN IF NOT EXISTS chat_msg_id BIGINT NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS idx_red_packet_unposted ON red_packet (chat_msg_id, create_time);
