package im.redpacket.packet;

/**
 * A grab whose credit is owed to the grabber's wallet: the claim committed ({@code red_packet_grab} holds
 * it), and the ledger is not yet known to hold {@code grab:<packetId>:<userId>}.
 */
public record OwedCredit(long packetId, long userId, long tenantId, long amount) {
}
