package im.receipt.store;

import java.util.Arrays;

/**
 * Who of a message's recipients has read it: bit {@code i} for recipient position {@code i} (see
 * {@link RecipientCodec}), little-endian within each byte. Setting a bit twice changes nothing, which is
 * what makes redelivered read marks harmless. Not thread-safe: one per row being updated.
 */
public final class ReadBitmap {
    private final byte[] bits;
    private final int size;
    private int count;

    private ReadBitmap(byte[] bits, int size) {
        this.bits = bits;
        this.size = size;
        int c = 0;
        for (byte b : bits) {
            c += Integer.bitCount(b & 0xFF);
        }
        this.count = c;
    }

    /** No recipient has read it. */
    public static ReadBitmap empty(int size) {
        return new ReadBitmap(new byte[bytesFor(size)], size);
    }

    /** @throws IllegalArgumentException when {@code bits} does not fit {@code size} recipients */
    public static ReadBitmap of(byte[] bits, int size) {
        if (bits.length != bytesFor(size)) {
            throw new IllegalArgumentException("read bitmap of " + bits.length + " bytes for " + size + " recipients");
        }
        return new ReadBitmap(bits.clone(), size);
    }

    static int bytesFor(int size) {
        return (size + 7) / 8;
    }

    /** Marks position {@code i} read; true when it was unread. */
    public boolean set(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("position " + i + " of " + size);
        }
        int mask = 1 << (i & 7);
        if ((bits[i >>> 3] & mask) != 0) {
            return false;
        }
        bits[i >>> 3] |= (byte) mask;
        count++;
        return true;
    }

    public boolean isSet(int i) {
        return (bits[i >>> 3] & (1 << (i & 7))) != 0;
    }

    /** Recipients who have read it. */
    public int count() {
        return count;
    }

    public int size() {
        return size;
    }

    public byte[] toBytes() {
        return Arrays.copyOf(bits, bits.length);
    }
}
