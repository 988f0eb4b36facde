/**
 * Red packets as stored: the {@code red_packet} row (total, what is left, status, refund) and one
 * {@code red_packet_grab} row per grab, and the deterministic split of a total into shares.
 */
package im.redpacket.packet;
