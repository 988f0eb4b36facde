package im.redpacket.grab;

import im.api.ImException;
import im.redpacket.tx.Transactions;
import im.redpacket.wallet.LedgerKind;
import im.redpacket.wallet.WalletStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Credits one grab to the grabber's wallet under the ledger key {@code grab:<packetId>:<userId>}, in one
 * local transaction (ledger row, then balance) under Seata's global lock: a second credit of the same
 * grab, from a redelivery or from the {@link CreditSweeper}, fails on the key and changes nothing. Used
 * by the {@link CreditConsumer} and the sweep; stateless and thread-safe.
 */
public final class GrabCredits {
    private final DataSource walletTx;
    private final WalletStore wallets;
    private final Counter credited;
    private final Counter replayed;

    /** @param walletTx the Seata-proxied wallet database */
    public GrabCredits(DataSource walletTx, WalletStore wallets, MeterRegistry metrics) {
        this.walletTx = walletTx;
        this.wallets = wallets;
        this.credited = metrics.counter("im_redpacket_credits_total", "result", "credited");
        this.replayed = metrics.counter("im_redpacket_credits_total", "result", "duplicate");
    }

    /** Credits one grab; true when applied now, false when it was applied before. */
    public boolean apply(CreditMessage credit) throws ImException, SQLException {
        boolean applied = Transactions.underGlobalLock(walletTx, c -> {
            boolean fresh = wallets.credit(c, credit.userId(), credit.tenantId(), credit.amount(), credit.key(),
                    LedgerKind.GRAB, credit.packetId(), credit.userId());
            if (!fresh) {
                c.rollback();
            }
            return fresh;
        });
        (applied ? credited : replayed).increment();
        return applied;
    }
}
