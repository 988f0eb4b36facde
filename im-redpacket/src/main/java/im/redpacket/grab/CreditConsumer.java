package im.redpacket.grab;

import java.util.List;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@link CreditMessage#TOPIC} into the grabbers' wallets ({@link GrabCredits}). The ledger key
 * {@code grab:<packetId>:<userId>} makes a redelivered credit a no-op, so at-least-once delivery
 * credits exactly once. A failure asks RocketMQ to redeliver later. This is the fast path only: a
 * message RocketMQ never delivers (a half message the broker discarded after its last check-back, a
 * credit moved to the dead-letter queue after its last retry) is credited by the {@link CreditSweeper}
 * from the grab row. Runs on the consumer's threads; stateless.
 */
public final class CreditConsumer implements MessageListenerConcurrently {
    /** Consumer group prefix; the bootstrap appends the deployment's registry group. */
    public static final String CONSUMER_GROUP = "im-redpacket-credit";
    private static final Logger log = LoggerFactory.getLogger("im.redpacket.credits");

    private final GrabCredits credits;

    public CreditConsumer(GrabCredits credits) {
        this.credits = credits;
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
                credits.apply(credit);
            } catch (Exception e) {
                log.warn("Failed to credit a grab, redelivered later: {key={}, reconsumed={}}: {}", credit.key(),
                        m.getReconsumeTimes(), e.toString());
                return ConsumeConcurrentlyStatus.RECONSUME_LATER;
            }
        }
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    }
}
