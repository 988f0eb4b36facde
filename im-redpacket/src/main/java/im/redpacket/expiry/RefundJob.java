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
 * Refunds expired packets in two local transactions that the database itself drives to the end, no
 * global transaction between them:
 * <ol>
 *   <li>the expiry, in the red-packet database: {@code status = expired, refunded_amount =
 *       remaining_amount, remaining_amount = 0 WHERE status = open} (the condition makes it once);</li>
 *   <li>the refund, in the wallet database: {@code refunded_amount} as read back from the packet, credited
 *       to the sender under the ledger key {@code refund:<packetId>} (the key makes it once), after which
 *       the packet is marked {@code refund_credited}.</li>
 * </ol>
 * A crash between the two leaves an expired packet with {@code refund_credited = 0}; every scan finishes
 * those ({@link PacketStore#refundsDue}), so the refund does not rest on a Seata rollback reaching a
 * node that is gone, nor on an undo log applying cleanly. Both writes run under Seata's global lock (a
 * send still in flight holds its packet row and its sender's wallet row). Any number of nodes may scan
 * at once. Run by the bootstrap's scheduler; one run at a time per node.
 */
public final class RefundJob implements Runnable {
    private static final Logger log = LoggerFactory.getLogger("im.redpacket.refunds");
    private static final int BATCH = 100;

    private final DataSource walletTx;
    private final DataSource redpacketTx;
    private final WalletStore wallets;
    private final PacketStore packets;
    private final RedisShares shares;
    private final LongSupplier clock;
    private final Counter refunded;

    /** @param walletTx and {@code redpacketTx}: the Seata-proxied databases */
    public RefundJob(DataSource walletTx, DataSource redpacketTx, WalletStore wallets, PacketStore packets,
                     RedisShares shares, LongSupplier clock, MeterRegistry metrics) {
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
            for (long id : packets.expired(clock.getAsLong(), BATCH)) {
                refund(id);
            }
            for (long id : packets.refundsDue(BATCH)) {
                finish(id);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Failed to scan for expired red packets: {}", e.toString());
        }
    }

    /**
     * Expires one packet if it is still open and refunds what was left.
     *
     * @return the amount expired, or -1 when the packet was not open; a refund that failed after the expiry
     *     is finished by a later scan
     */
    public long refund(long packetId) {
        long left;
        try {
            left = Transactions.underGlobalLock(redpacketTx, c -> packets.expire(c, packetId));
        } catch (ImException | SQLException e) {
            log.warn("Failed to expire red packet, retried by the next scan: {packetId={}}: {}", packetId,
                    e.toString());
            return -1;
        }
        if (left < 0) {
            return -1;
        }
        try {
            shares.drop(packetId);
        } catch (RuntimeException e) {
            log.debug("Redis copy of expired packet {} not dropped (it expires by itself): {}", packetId, e.toString());
        }
        finish(packetId);
        return left;
    }

    /** Credits the refund of an expired packet (once, by its key) and marks it; false when that failed. */
    boolean finish(long packetId) {
        try {
            PacketRow p = packets.find(packetId);
            if (p == null || p.status() != PacketRow.EXPIRED) {
                return false;
            }
            boolean fresh = p.refundedAmount() > 0 && Transactions.underGlobalLock(walletTx, c -> {
                boolean applied = wallets.credit(c, p.senderId(), p.tenantId(), p.refundedAmount(),
                        "refund:" + packetId, LedgerKind.REFUND, packetId, p.senderId());
                if (!applied) {
                    c.rollback();
                }
                return applied;
            });
            Transactions.underGlobalLock(redpacketTx, c -> {
                packets.markRefundCredited(c, packetId);
                return null;
            });
            if (fresh) {
                refunded.increment();
                log.info("Refunded expired red packet: {packetId={}, amount={}}", packetId, p.refundedAmount());
            }
            return true;
        } catch (ImException | SQLException e) {
            log.warn("Failed to refund expired red packet, retried by the next scan: {packetId={}}: {}", packetId,
                    e.toString());
            return false;
        }
    }
}
