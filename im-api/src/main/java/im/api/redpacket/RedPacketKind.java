package im.api.redpacket;

/** How a red packet's total is split; the numbers are stored and travel in events. */
public enum RedPacketKind {
    /** Double-mean random split: each share is 1 cent up to twice the mean of what is left. */
    RANDOM(1),
    /** Equal shares; {@code totalAmount} must be a multiple of {@code count}. */
    FIXED(2);

    private final int number;

    RedPacketKind(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** @throws IllegalArgumentException for an unknown number */
    public static RedPacketKind of(int number) {
        for (RedPacketKind k : values()) {
            if (k.number == number) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown red packet kind " + number);
    }
}
