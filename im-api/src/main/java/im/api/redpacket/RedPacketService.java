package im.api.redpacket;

import im.api.ImException;
import im.api.org.Caller;

/**
 * Red packets, exported by im-redpacket in group {@code im-redpacket}. A send debits the sender and
 * creates the packet in one Seata global transaction and posts the RED_PACKET chat message exactly
 * once (RocketMQ transactional message); a grab takes one pre-split share and credits it to the
 * grabber's wallet through RocketMQ, once per {@code (packet, user)}; unclaimed money goes back to the
 * sender once the packet expires.
 */
public interface RedPacketService {

    /**
     * Sends a red packet into a conversation the caller may message.
     *
     * @throws ImException {@code BAD_REQUEST} for a bad kind, count or amount (zero, negative, over the
     *                     tenant's limit, under 1 cent per share, count over 200 or the conversation's
     *                     members), {@code FORBIDDEN}/{@code NOT_FOUND}/{@code MUTED} from the send
     *                     authorization, {@code INSUFFICIENT_BALANCE}; nothing is stored on any error
     */
    RedPacketSent send(Caller caller, SendRedPacket request) throws ImException;

    /**
     * Grabs one share.
     *
     * @return the amount credited (the credit reaches the wallet within moments, through RocketMQ)
     * @throws ImException {@code NOT_FOUND} for an unknown packet, {@code FORBIDDEN} for a non-member,
     *                     {@code RED_PACKET_ALREADY_GRABBED}, {@code RED_PACKET_EMPTY},
     *                     {@code RED_PACKET_EXPIRED}
     */
    long grab(Caller caller, long redPacketId) throws ImException;

    /**
     * The packet with its grabs, for a member of its conversation.
     *
     * @throws ImException {@code NOT_FOUND} for an unknown packet, {@code FORBIDDEN} for a non-member
     */
    RedPacketDetail show(Caller caller, long redPacketId) throws ImException;

    /**
     * Checks every wallet's ledger sum against its balance and every packet's grabs and refund
     * against its total. Tenant admins (their tenant) and the platform admin (everything).
     *
     * @throws ImException {@code FORBIDDEN} for anyone else
     */
    ReconcileReport reconcile(Caller caller) throws ImException;
}
