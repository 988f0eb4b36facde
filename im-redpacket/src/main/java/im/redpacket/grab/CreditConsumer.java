package im.redpacket.grab;

import im.api.ImException;
import im.redpacket.tx.Transactions;
import im.redpacket.wallet.LedgerKind;
import im.redpacket.wallet.WalletStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import javax.sql.DataSource;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@link CreditMessage#TOPIC} into the grabbers' wallets. The ledger key
 * {@code grab:<packetId>:<userId>} makes a redelivered credit a no-op, so at-least-once delivery
 * credits exactly once. A failure asks RocketMQ to redeliver later. Runs on the consumer's threads;
 * stateless.
 */
public final class CreditConsumer implements MessageListenerConcurrently {
    /** Consumer group prefix; the bootstrap appends the deployment's registry group. */
    public static final String CONSUMER_GROUP = "im-redpacket-credit";
    private static final Logger log = LoggerFactory.getLogger("im.redpacket.credits");

    private final DataSource walletTx;
    private final WalletStore wallets;
    private final Counter credited;
    private final Counter replayed;

    public CreditConsumer(DataSource walletTx, WalletStore wallets, MeterRegistry metrics) {
        this.walletTx = walletTx;
        this.wallets = wallets;
        this.credited = metrics.counter("im_redpacket_credits_total", "result", "credited");
        this.replayed = metrics.counter("im_redpacket_credits_total", "result", "duplicate");
    }

    @Override
    public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> msgs, ConsumeConcurrentlyContext context) {
        for (MessageExt m : msgs) {
            CreditMessage credit;
            try {
                credit = CreditMessage.decode(m.getBody());
            } catch (IllegalArgumentException e) {
                log.error("Skipped an undecodable credit: {mqMsgId={}, keys={}}", m.getMsgId(), m.getKeys());
                continue;
            }
            try {
                apply(credit);
            } catch (Exception e) {
                log.warn("Failed to credit a grab, redelivered later: {key={}, reconsumed={}}: {}", credit.key(),
                        m.getReconsumeTimes(), e.toString());
                return ConsumeConcurrentlyStatus.RECONSUME_LATER;
            }
        }
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    }

    /** Credits one grab; true when applied now, false when it was applied before. */
    public boolean apply(CreditMessage credit) throws ImException, java.sql.SQLException {
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
