package im.redpacket.packet;

/** One {@code red_packet_grab} row. */
public record GrabRow(long packetId, long userId, int shareIdx, long amount, long grabTime) {
}
