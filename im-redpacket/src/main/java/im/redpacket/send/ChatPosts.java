package im.redpacket.send;

import im.api.ImException;
import im.api.redpacket.RedPacketCreated;
import im.redpacket.packet.PacketRow;
import im.redpacket.packet.PacketStore;
import im.redpacket.tx.Transactions;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A post of a packet's chat message through {@link ChatPoster}, recorded in {@code red_packet.chat_msg_id}
 * once im-logic answered, so that the chat sweep leaves the packet alone. The record is written under
 * Seata's global lock (the row is the send's global transaction's); a record that fails is only a repeat
 * of the post for the sweep, which im-logic de-duplicates. Thread-safe.
 */
public final class ChatPosts {
    private static final Logger log = LoggerFactory.getLogger("im.redpacket.chat");

    private final ChatPoster poster;
    private final DataSource redpacketTx;
    private final PacketStore packets;

    /** @param redpacketTx the Seata-proxied red-packet database */
    public ChatPosts(ChatPoster poster, DataSource redpacketTx, PacketStore packets) {
        this.poster = poster;
        this.redpacketTx = redpacketTx;
        this.packets = packets;
    }

    /** The chat message of a packet row, as the send built it. */
    public static RedPacketCreated event(PacketRow row) {
        return new RedPacketCreated(row.id(), row.tenantId(), row.senderId(), row.convType(), row.convId(),
                row.kind(), row.totalCount(), row.greeting(), row.expireTime());
    }

    /**
     * Posts and records the answer.
     *
     * @return the message id; 0 when not posted now, {@link ChatPoster#REFUSED} when im-logic refused it
     */
    public long post(RedPacketCreated packet) {
        long msgId = poster.post(packet);
        if (msgId != 0) {
            record(packet.redPacketId(), msgId);
        }
        return msgId;
    }

    private void record(long packetId, long msgId) {
        try {
            Transactions.underGlobalLock(redpacketTx, c -> {
                packets.markPosted(c, packetId, msgId);
                return null;
            });
        } catch (ImException | SQLException | RuntimeException e) {
            log.info("Failed to record a red packet's chat message, the chat sweep posts it again: {packetId={},"
                    + " msgId={}}: {}", packetId, msgId, e.toString());
        }
    }
}
