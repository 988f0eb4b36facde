package im.extlogic.archive;

import im.api.message.MessageEventCodec;
import im.api.message.MessageTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns deliveries of {@link MessageTopics#MESSAGE_SENT} and {@link MessageTopics#MESSAGE_RECALLED}
 * into archive operations and acknowledges them only once {@link BulkArchiver} has them in
 * Elasticsearch. Anything else (Elasticsearch down, queue full, recall before its message) answers
 * {@code RECONSUME_LATER}, never an exception. Runs on RocketMQ's consume threads; stateless.
 */
public final class ArchiveListener implements MessageListenerConcurrently {
    private static final Logger log = LoggerFactory.getLogger(ArchiveListener.class);
    /**
     * RocketMQ's delay levels are 1s 5s 10s 30s 1m 2m ...; the default escalation reaches 2 h, far
     * too late for an archive that should catch up soon after Elasticsearch returns. Retries start
     * at 10 s and stay at 2 min; with {@link #MAX_RECONSUME_TIMES} that rides out about 2 h of outage
     * before a message goes to the group's dead-letter queue.
     */
    private static final int FIRST_DELAY_LEVEL = 3;
    private static final int MAX_DELAY_LEVEL = 6;
    /** See {@link #FIRST_DELAY_LEVEL}. */
    public static final int MAX_RECONSUME_TIMES = 64;
    /** Longer than a bulk can take (socket timeout) plus the batching delay. */
    private static final long WAIT_SECONDS = 60;

    private final BulkArchiver archiver;

    public ArchiveListener(BulkArchiver archiver) {
        this.archiver = archiver;
    }

    @Override
    public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> msgs, ConsumeConcurrentlyContext context) {
        List<ArchiveOp> ops = new ArrayList<>(msgs.size());
        for (MessageExt m : msgs) {
            try {
                ops.add(decode(m));
            } catch (IllegalArgumentException e) { // redelivery cannot repair a corrupt body
                log.error("Failed to decode message event, skipped: {topic={}, msgId={}, cause={}}", m.getTopic(),
                        m.getMsgId(), e.getMessage());
            }
        }
        if (ops.isEmpty()) {
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }
        try {
            archiver.submit(ops).get(WAIT_SECONDS, TimeUnit.SECONDS);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        } catch (ExecutionException | TimeoutException e) {
            int reconsumed = msgs.get(0).getReconsumeTimes();
            context.setDelayLevelWhenNextConsume(Math.min(FIRST_DELAY_LEVEL + reconsumed, MAX_DELAY_LEVEL));
            log.debug("Archive retry later: {ops={}, reconsumed={}, cause={}}", ops.size(), reconsumed, e.toString());
            return ConsumeConcurrentlyStatus.RECONSUME_LATER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConsumeConcurrentlyStatus.RECONSUME_LATER;
        }
    }

    private static ArchiveOp decode(MessageExt m) {
        return switch (m.getTopic()) {
            case MessageTopics.MESSAGE_SENT -> new ArchiveOp.Index(MessageEventCodec.decodeSent(m.getBody()));
            case MessageTopics.MESSAGE_RECALLED -> new ArchiveOp.Recall(MessageEventCodec.decodeRecalled(m.getBody()));
            default -> throw new IllegalArgumentException("unexpected topic " + m.getTopic());
        };
    }
}
