package im.receipt.store;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The recipients of one message as bytes: their count, the first id, then the gaps between
 * consecutive ids, each as an unsigned LEB128 varint. Ids are ascending and distinct, so every gap is
 * positive and small ids sit close: a 10,000-member group with ids from one tenant's sequence costs
 * 1-3 bytes per member instead of 8, one row instead of 10,000. Stateless.
 */
public final class RecipientCodec {
    /** A group's largest member count plus slack; guards the decoder against a corrupt count. */
    static final int MAX_RECIPIENTS = 100_000;

    private RecipientCodec() {
    }

    /** @param ids ascending, distinct, positive */
    public static byte[] encode(long[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 3 + 5);
        writeVarint(out, ids.length);
        long previous = 0;
        for (long id : ids) {
            if (id <= previous) {
                throw new IllegalArgumentException("recipient ids must be positive and ascending: " + id
                        + " after " + previous);
            }
            writeVarint(out, id - previous);
            previous = id;
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException when {@code bytes} is not an encoding */
    public static long[] decode(byte[] bytes) {
        int[] at = {0};
        long count = readVarint(bytes, at);
        if (count < 0 || count > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("bad recipient count " + count);
        }
        long[] ids = new long[(int) count];
        long previous = 0;
        for (int i = 0; i < ids.length; i++) {
            previous += readVarint(bytes, at);
            ids[i] = previous;
        }
        if (at[0] != bytes.length) {
            throw new IllegalArgumentException("trailing bytes after " + count + " recipients");
        }
        return ids;
    }

    /** Sorted, distinct copy of {@code ids} (the order {@link #encode} needs). */
    public static long[] sortedDistinct(java.util.Collection<Long> ids) {
        return ids.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
    }

    /** The position of {@code userId} among {@code sortedIds}, or a negative number. */
    public static int positionOf(long[] sortedIds, long userId) {
        return Arrays.binarySearch(sortedIds, userId);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(byte[] bytes, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= bytes.length) {
                throw new IllegalArgumentException("truncated recipient list");
            }
            byte b = bytes[at[0]++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 64 bits");
    }
}
