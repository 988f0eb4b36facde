package im.logic.event;

import im.api.message.MessageEventCodec;
import im.api.message.MessageReadEvent;
import im.api.message.MessageRecalledEvent;
import im.api.message.MessageSentEvent;
import im.api.message.MessageTopics;
import im.api.push.OfflinePushCodec;
import im.api.push.OfflinePushEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.client.producer.MQProducer;
import org.apache.rocketmq.client.producer.MessageQueueSelector;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the events of {@link MessageTopics} after the fact, asynchronously: the sender's answer
 * never waits for RocketMQ. A failed publish is logged and counted ({@code im.events.failed}); the
 * stream stays the source of truth. Thread-safe.
 */
public final class EventPublisher {
    private static final Logger log = LoggerFactory.getLogger("im.logic.events");
    /** The queue of a read event: its {@link MessageTopics#readQueueKey} modulo the topic's queues. */
    private static final MessageQueueSelector BY_KEY =
            (queues, message, key) -> queues.get((int) Math.floorMod((Long) key, (long) queues.size()));

    /**
     * Bytes of one batch at most: well below the broker's 4 MiB {@code maxMessageSize}, which a batch
     * counts as one message.
     */
    static final int MAX_BATCH_BYTES = 1 << 20;
    /** What a batch adds to each body: topic, keys, tags and properties, generously. */
    private static final int BATCH_OVERHEAD_BYTES = 256;

    private final MQProducer producer;
    private final Counter failed;

    public EventPublisher(MQProducer producer, MeterRegistry metrics) {
        this.producer = producer;
        this.failed = Counter.builder("im.events.failed").description("events RocketMQ did not take")
                .register(metrics);
    }

    public void sent(MessageSentEvent e) {
        publish(sentMessage(e));
    }

    /**
     * Publishes many sent events in as few RocketMQ sends as their size allows (batches of at most
     * {@value #MAX_BATCH_BYTES} bytes): one broker round trip per batch of sends instead of one per
     * message.
     */
    public void sentAll(List<MessageSentEvent> events) {
        List<Message> chunk = new ArrayList<>();
        int bytes = 0;
        for (MessageSentEvent e : events) {
            Message m = sentMessage(e);
            int size = m.getBody().length + BATCH_OVERHEAD_BYTES;
            if (!chunk.isEmpty() && bytes + size > MAX_BATCH_BYTES) {
                publishBatch(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(m);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            publishBatch(chunk);
        }
    }

    private static Message sentMessage(MessageSentEvent e) {
        return new Message(MessageTopics.MESSAGE_SENT, tag(e.convType()), Long.toString(e.msgId()),
                MessageEventCodec.encode(e));
    }

    public void recalled(MessageRecalledEvent e) {
        publish(new Message(MessageTopics.MESSAGE_RECALLED, tag(e.convType()), Long.toString(e.msgId()),
                MessageEventCodec.encode(e)));
    }

    /**
     * Queued by conversation ({@link MessageTopics#readQueueKey}): im-receipt-service consumes each
     * queue in order, so one consumer merges a conversation's read marks.
     */
    public void read(MessageReadEvent e) {
        Message m = new Message(MessageTopics.MESSAGE_READ, tag(e.convType()), Long.toString(e.userId()),
                MessageEventCodec.encode(e));
        sendToQueueOf(m, MessageTopics.readQueueKey(e.convType(), e.userId(), e.convId()));
    }

    /**
     * Publishes an offline-push event into the queue its recipient hashes to, so that one user's events
     * reach one consumer, which merges them into one notification.
     */
    public void offlinePush(OfflinePushEvent e) {
        Message m = new Message(OfflinePushEvent.TOPIC, tag(e.convType()), e.userId() + ":" + e.msgId(),
                OfflinePushCodec.encode(e));
        sendToQueueOf(m, e.userId());
    }

    /** Sends into the queue {@code key} hashes to: the same key always meets the same consumer, in order. */
    private void sendToQueueOf(Message m, long key) {
        try {
            producer.send(m, BY_KEY, key, callback(m));
        } catch (Exception ex) {
            failed(m, ex);
        }
    }

    private static String tag(int convType) {
        return convType == 1 ? "SINGLE" : "GROUP";
    }

    private void publish(Message m) {
        try {
            producer.send(m, callback(m));
        } catch (Exception e) {
            failed(m, e);
        }
    }

    private void publishBatch(List<Message> batch) {
        if (batch.size() == 1) {
            publish(batch.get(0));
            return;
        }
        try {
            producer.send(batch, callback(batch));
        } catch (Exception e) {
            batch.forEach(m -> failed(m, e));
        }
    }

    private SendCallback callback(Message m) {
        return callback(List.of(m));
    }

    /** Counts and logs every message of a send the broker did not take. */
    private SendCallback callback(List<Message> sent) {
        return new SendCallback() {
            @Override
            public void onSuccess(SendResult result) {
                // nothing to do: delivery is the broker's from here
            }

            @Override
            public void onException(Throwable e) {
                sent.forEach(m -> failed(m, e));
            }
        };
    }

    private void failed(Message m, Throwable e) {
        failed.increment();
        log.warn("Failed to publish event: {topic={}, key={}}: {}", m.getTopic(), m.getKeys(), e.toString());
    }
}
