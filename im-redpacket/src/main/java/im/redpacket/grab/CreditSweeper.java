package im.redpacket.grab;

import im.api.ImException;
import im.redpacket.packet.OwedCredit;
import im.redpacket.packet.PacketStore;
import im.redpacket.tx.Transactions;
import im.redpacket.wallet.WalletStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes the credits of committed claims from the database alone. A grab row is the truth that the
 * credit is owed; the credit message is only the fast way to pay it, and RocketMQ can lose it: a claim
 * that committed just before its process was killed leaves a half message that only check-backs can
 * commit, and the broker gives up after its last check ({@code transactionCheckMax}, 15 by default, which
 * counts checks made while no producer of the group was connected) and drops it; a credit that failed
 * 16 times goes to the dead-letter queue.
 *
 * <p>Each run takes the grabs still marked {@code credited = 0} that are older than {@link #SWEEP_AFTER_MS},
 * asks the wallet ledger in one query which of their keys it holds, credits the others through
 * {@link GrabCredits} (the ledger key makes a race with a late delivery harmless) and marks them all
 * credited. A crash between the credit and the mark only repeats the check. The marks are plain local
 * writes: grab rows are never written by a global transaction, so no undo log covers them. Run by the
 * bootstrap's scheduler; one run at a time per node, any number of nodes.
 */
public final class CreditSweeper implements Runnable {
    /**
     * Credits normally arrive through RocketMQ within a second, and through a check-back within a few
     * (the broker checks every 3 s here, 30 s by default); the sweep leaves them this long first so that
     * it checks most grabs only once, already credited.
     */
    public static final long SWEEP_AFTER_MS = 10_000;
    private static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger("im.redpacket.credits");

    private final PacketStore packets;
    private final DataSource redpacketTx;
    private final WalletStore wallets;
    private final GrabCredits credits;
    private final LongSupplier clock;
    private final Counter swept;

    /** @param redpacketTx the red-packet database the marks are written to */
    public CreditSweeper(PacketStore packets, DataSource redpacketTx, WalletStore wallets, GrabCredits credits,
                         LongSupplier clock, MeterRegistry metrics) {
        this.packets = packets;
        this.redpacketTx = redpacketTx;
        this.wallets = wallets;
        this.credits = credits;
        this.clock = clock;
        this.swept = metrics.counter("im_redpacket_credits_swept_total");
    }

    @Override
    public void run() {
        try {
            sweep();
        } catch (ImException | SQLException | RuntimeException e) {
            log.warn("Failed to sweep grab credits, retried by the next run: {}", e.toString());
        }
    }

    /** One sweep over every owed credit old enough; the number it credited (the rest were paid already). */
    public int sweep() throws ImException, SQLException {
        int paid = 0;
        while (true) {
            List<OwedCredit> due = packets.uncredited(clock.getAsLong() - SWEEP_AFTER_MS, BATCH);
            if (due.isEmpty()) {
                return paid;
            }
            List<String> keys = new ArrayList<>(due.size());
            for (OwedCredit g : due) {
                keys.add(CreditMessage.bizKey(g.packetId(), g.userId()));
            }
            Set<String> inLedger = wallets.existing(keys);
            List<OwedCredit> done = new ArrayList<>(due.size());
            for (OwedCredit g : due) {
                CreditMessage credit = new CreditMessage(g.packetId(), g.userId(), g.tenantId(), g.amount());
                if (!inLedger.contains(credit.key())) {
                    try {
                        if (credits.apply(credit)) {
                            paid++;
                            swept.increment();
                            log.info("Credited a grab whose credit message had not arrived: {key={}, amount={}}",
                                    credit.key(), credit.amount());
                        }
                    } catch (ImException | SQLException e) {
                        log.warn("Failed to credit a grab, retried by the next sweep: {key={}}: {}", credit.key(),
                                e.toString());
                        continue;
                    }
                }
                done.add(g);
            }
            Transactions.local(redpacketTx, c -> {
                packets.markCredited(c, done);
                return null;
            });
            if (due.size() < BATCH || done.isEmpty()) {
                return paid;
            }
        }
    }
}
