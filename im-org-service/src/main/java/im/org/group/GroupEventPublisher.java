package im.org.group;

import im.api.org.GroupEvent;
import im.api.org.GroupEventCodec;
import java.util.List;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link GroupEvent}s on {@link GroupEvent#TOPIC}, one queue per group (chosen by group
 * id) so that a group's events arrive in order. Called after the change committed; a failed send
 * is retried, then logged on the {@code im.mq.group-event} logger with the event, and the
 * membership version lets a consumer detect the gap ({@code GroupMembers.version}). Thread-safe
 * (the producer is).
 */
public final class GroupEventPublisher {
    private static final Logger log = LoggerFactory.getLogger("im.mq.group-event");
    private static final int ATTEMPTS = 3;

    private final DefaultMQProducer producer;

    public GroupEventPublisher(DefaultMQProducer producer) {
        this.producer = producer;
    }

    public void publish(GroupEvent event) {
        Message message = new Message(GroupEvent.TOPIC, event.kind().name(),
                Long.toString(event.groupId()), GroupEventCodec.encode(event));
        Exception last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                SendResult result = producer.send(message, GroupEventPublisher::queueOfGroup, event.groupId());
                if (result.getSendStatus() == SendStatus.SEND_OK) {
                    return;
                }
                last = new IllegalStateException(result.getSendStatus().name());
            } catch (Exception e) {
                last = e;
            }
        }
        log.error("Failed to publish group event: {groupId={}, version={}, kind={}}: {}", event.groupId(),
                event.version(), event.kind(), last.toString());
    }

    private static MessageQueue queueOfGroup(List<MessageQueue> queues, Message message, Object groupId) {
        return queues.get((int) Math.floorMod((Long) groupId, (long) queues.size()));
    }
}
