/**
 * The wallet and red-packet contract of im-redpacket: {@link im.api.redpacket.WalletService},
 * {@link im.api.redpacket.RedPacketService}, their records, and {@link im.api.redpacket.RedPacketChat},
 * the one definition of the RED_PACKET chat message that im-redpacket and im-logic both build.
 * Amounts are {@code long} cents everywhere. Every method takes the {@link im.api.org.Caller} the edge
 * authenticated and declares {@code throws ImException}.
 */
package im.api.redpacket;
