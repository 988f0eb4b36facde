package im.logic.group;

import im.api.ImException;
import im.api.org.GroupEvent;
import im.api.org.GroupEventCodec;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@link GroupEvent#TOPIC} in order per queue (im-org-service picks the queue by group id, so
 * one group's events arrive in the order they were committed) and applies each event with
 * {@link GroupEventApplier}. A failure suspends the queue and retries the same event, so a group's
 * later events never overtake it; a body that does not decode is logged and skipped (redelivery cannot
 * repair it). Runs on RocketMQ's consume threads; stateless.
 */
public final class GroupEventListener implements MessageListenerOrderly {
    /**
     * The consumer group's prefix; {@code LogicBootstrap} appends the Dubbo registry group unless
     * {@code group-event.consumer.group} names one.
     */
    public static final String CONSUMER_GROUP = "im-logic-group-event";
    private static final Logger log = LoggerFactory.getLogger("im.logic.group-events");

    private final GroupEventApplier applier;
    private final BooleanSupplier ready;

    /**
     * @param ready true once the process may call other services (its Dubbo node started): events
     *              delivered before wait in their queue, since applying one asks im-org-service for
     *              the group's members
     */
    public GroupEventListener(GroupEventApplier applier, BooleanSupplier ready) {
        this.applier = applier;
        this.ready = ready;
    }

    @Override
    public ConsumeOrderlyStatus consumeMessage(List<MessageExt> msgs, ConsumeOrderlyContext context) {
        if (!ready.getAsBoolean()) {
            return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
        }
        for (MessageExt m : msgs) {
            GroupEvent event;
            try {
                event = GroupEventCodec.decode(m.getBody());
            } catch (IllegalArgumentException e) {
                log.error("Failed to decode group event, skipped: {mqMsgId={}, keys={}, cause={}}", m.getMsgId(),
                        m.getKeys(), e.getMessage());
                continue;
            }
            try {
                applier.apply(event);
            } catch (ImException | RuntimeException e) {
                log.warn("Failed to apply group event, retrying: {groupId={}, version={}, kind={}, reconsumed={}}: {}",
                        event.groupId(), event.version(), event.kind(), m.getReconsumeTimes(), e.toString());
                return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
            }
        }
        return ConsumeOrderlyStatus.SUCCESS;
    }
}
