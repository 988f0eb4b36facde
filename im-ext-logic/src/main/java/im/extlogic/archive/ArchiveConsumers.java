package im.extlogic.archive;

import im.api.message.MessageTopics;
import im.infra.mq.RocketMqFactory;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQClientException;

/**
 * The two RocketMQ consumers that feed the archive: sends and recalls, each in its own consumer
 * group (a group subscribes to one topic here), both delivering to one {@link ArchiveListener}.
 * Closing shuts both down; RocketMQ then persists their offsets.
 */
public final class ArchiveConsumers implements AutoCloseable {
    /** Messages per listener call: one call becomes one submit, so bulks fill from few calls. */
    private static final int DELIVERY_BATCH = 32;

    private final DefaultMQPushConsumer sent;
    private final DefaultMQPushConsumer recalled;

    public ArchiveConsumers(RocketMqFactory mq, String group, ArchiveListener listener) throws MQClientException {
        this.sent = tune(mq.consumer(group, MessageTopics.MESSAGE_SENT, listener));
        DefaultMQPushConsumer r;
        try {
            r = tune(mq.consumer(group + "-recall", MessageTopics.MESSAGE_RECALLED, listener));
        } catch (MQClientException | RuntimeException e) {
            sent.shutdown();
            throw e;
        }
        this.recalled = r;
    }

    // RocketMqFactory starts its consumers; both settings are read per delivery, so they apply after start.
    private static DefaultMQPushConsumer tune(DefaultMQPushConsumer c) {
        c.setConsumeMessageBatchMaxSize(DELIVERY_BATCH);
        c.setMaxReconsumeTimes(ArchiveListener.MAX_RECONSUME_TIMES);
        return c;
    }

    @Override
    public void close() {
        sent.shutdown();
        recalled.shutdown();
    }
}
