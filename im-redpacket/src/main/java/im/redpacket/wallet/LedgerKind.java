package im.redpacket.wallet;

/** The {@code kind} column of {@code wallet_ledger}. */
public enum LedgerKind {
    TOP_UP(1), SEND(2), GRAB(3), REFUND(4);

    private final int number;

    LedgerKind(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
