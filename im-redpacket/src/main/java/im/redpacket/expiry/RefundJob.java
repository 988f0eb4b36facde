package im.redpacket.expiry;

import im.api.ImException;
import im.redpacket.grab.RedisShares;
import im.redpacket.packet.PacketRow;
import im.redpacket.packet.PacketStore;
import im.redpacket.tx.Transactions;
import im.redpacket.wallet.LedgerKind;
import im.redpacket.wallet.WalletStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.List;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refunds expired packets: per packet one Seata global transaction marks it expired (only while it is
 * open: {@code refunded_amount} takes what is left) and credits that to the sender under the ledger key
 * {@code refund:<packetId>}. The status condition and the key make it exactly once however many nodes
 * scan at once or crash half-way (a crash rolls the global transaction back and the next scan
 * retries). Run by the bootstrap's scheduler; one run at a time per node.
 */
public final class RefundJob implements Runnable {
    private static final Logger log = LoggerFactory.getLogger("im.redpacket.refunds");
    private static final int BATCH = 100;

    private final Transactions transactions;
    private final DataSource walletTx;
    private final DataSource redpacketTx;
    private final WalletStore wallets;
    private final PacketStore packets;
    private final RedisShares shares;
    private final LongSupplier clock;
    private final Counter refunded;

    public RefundJob(Transactions transactions, DataSource walletTx, DataSource redpacketTx, WalletStore wallets,
                     PacketStore packets, RedisShares shares, LongSupplier clock, MeterRegistry metrics) {
        this.transactions = transactions;
        this.walletTx = walletTx;
        this.redpacketTx = redpacketTx;
        this.wallets = wallets;
        this.packets = packets;
        this.shares = shares;
        this.clock = clock;
        this.refunded = metrics.counter("im_redpacket_refunds_total");
    }

    @Override
    public void run() {
        try {
            List<Long> due = packets.expired(clock.getAsLong(), BATCH);
            for (long id : due) {
                refund(id);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Failed to scan for expired red packets: {}", e.toString());
        }
    }

    /** Refunds one packet if it is still open; the amount, or -1 when it was not open. */
    public long refund(long packetId) {
        Transactions.Outcome[] outcome = new Transactions.Outcome[1];
        try {
            long amount = transactions.global("redpacket-refund", () -> {
                PacketRow p = packets.find(packetId);
                long left = Transactions.local(redpacketTx, c -> packets.expire(c, packetId));
                if (left > 0) {
                    Transactions.local(walletTx, c -> wallets.credit(c, p.senderId(), p.tenantId(), left,
                            "refund:" + packetId, LedgerKind.REFUND, packetId, p.senderId()));
                }
                return left;
            }, outcome);
            if (amount >= 0) {
                refunded.increment();
                log.info("Refunded expired red packet: {packetId={}, amount={}}", packetId, amount);
                try {
                    shares.drop(packetId);
                } catch (RuntimeException e) {
                    log.debug("Redis copy of expired packet {} not dropped (it expires by itself): {}", packetId,
                            e.toString());
                }
            }
            return amount;
        } catch (ImException e) {
            log.warn("Failed to refund red packet, retried by the next scan: {packetId={}}: {}", packetId,
                    e.getMessage());
            return -1;
        }
    }
}
