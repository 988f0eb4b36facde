package im.redpacket.packet;

import im.api.redpacket.RedPacketKind;
import java.util.SplittableRandom;

/**
 * Splits a total into shares, deterministically from the packet id: the same packet always has the same
 * shares, so the split needs no table of its own and Redis can be refilled from the database after a
 * loss (the shares not in {@code red_packet_grab} are the ones left).
 *
 * <p>RANDOM is the double-mean method: each share is drawn from 1 cent to just under twice the mean of
 * what is left, and never so large that a later share would get less than 1 cent; the last share takes
 * the rest. Stateless.
 */
public final class ShareSplitter {
    private ShareSplitter() {
    }

    /** @throws IllegalArgumentException when {@code total < count} or FIXED does not divide evenly */
    public static long[] split(long packetId, RedPacketKind kind, long total, int count) {
        if (count < 1 || total < count) {
            throw new IllegalArgumentException("cannot split " + total + " into " + count + " shares of at least 1");
        }
        long[] shares = new long[count];
        if (kind == RedPacketKind.FIXED) {
            if (total % count != 0) {
                throw new IllegalArgumentException(total + " is not a multiple of " + count);
            }
            java.util.Arrays.fill(shares, total / count);
            return shares;
        }
        SplittableRandom random = new SplittableRandom(packetId);
        long left = total;
        for (int i = 0; i < count - 1; i++) {
            int sharesLeft = count - i;
            long doubleMean = 2 * (left / sharesLeft);
            long cap = left - (sharesLeft - 1);
            long amount = doubleMean <= 1 ? 1 : random.nextLong(1, doubleMean);
            shares[i] = Math.min(amount, cap);
            left -= shares[i];
        }
        shares[count - 1] = left;
        return shares;
    }
}
