package im.api.redpacket;

import java.io.Serializable;

/**
 * A red packet to send; the sender is the caller.
 *
 * @param convType    1 SINGLE (to the peer {@code convId}, count 1) or 2 GROUP
 * @param convId      the peer user or the group
 * @param totalAmount cents, at least 1 per share, at most the tenant's limit
 * @param count       shares, 1..{@link #MAX_COUNT} and at most the group's members
 * @param kind        RANDOM or FIXED
 * @param greeting    0..{@link #MAX_GREETING} characters, never null
 */
public record SendRedPacket(int convType, long convId, long totalAmount, int count, RedPacketKind kind,
                            String greeting) implements Serializable {
    /** The most shares of one packet. */
    public static final int MAX_COUNT = 200;
    /** Longest greeting, in characters (the database column). */
    public static final int MAX_GREETING = 128;
}
