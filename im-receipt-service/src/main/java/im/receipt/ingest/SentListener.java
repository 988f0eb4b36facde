package im.receipt.ingest;

import im.api.message.MessageEventCodec;
import im.api.message.MessageSentEvent;
import im.receipt.notify.ReceiptNotifier;
import im.receipt.store.ReceiptStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code im-message-sent}: records every message that needs a receipt and has recipients,
 * with its recipients at send time as the event names them (the members when the fan-out ran, minus
 * the sender), ignores the others. Recording is idempotent (an existing row stays), so redelivery is
 * harmless; a failure asks RocketMQ to redeliver later. Thread-safe.
 */
public final class SentListener implements MessageListenerConcurrently {
    private static final Logger log = LoggerFactory.getLogger("im.receipt.sent");

    private final ReceiptStore store;
    private final ReceiptNotifier notifier;
    private final LongSupplier clock;
    private final Counter recorded;
    private final Counter dropped;

    public SentListener(ReceiptStore store, ReceiptNotifier notifier, LongSupplier clock, MeterRegistry metrics) {
        this.store = store;
        this.notifier = notifier;
        this.clock = clock;
        this.recorded = Counter.builder("im.receipt.messages.recorded").description("receipt-needing messages recorded")
                .register(metrics);
        this.dropped = Counter.builder("im.receipt.sent.dropped").description("undecodable sent events dropped")
                .register(metrics);
    }

    @Override
    public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> msgs, ConsumeConcurrentlyContext context) {
        List<MessageSentEvent> needing = new ArrayList<>();
        for (MessageExt m : msgs) {
            try {
                MessageSentEvent e = MessageEventCodec.decodeSent(m.getBody());
                if (e.needReceipt() && !e.recipientIds().isEmpty()) {
                    needing.add(e);
                }
            } catch (IllegalArgumentException ex) {
                dropped.increment();
                log.warn("Dropping an undecodable sent event: {msgId={}, keys={}}: {}", m.getMsgId(), m.getKeys(),
                        ex.getMessage());
            }
        }
        try {
            notifier.offer(store.record(needing, clock.getAsLong()));
            recorded.increment(needing.size());
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        } catch (SQLException | RuntimeException e) {
            log.warn("Failed to record receipt messages, RocketMQ redelivers: {messages={}}: {}", needing.size(),
                    e.toString());
            return ConsumeConcurrentlyStatus.RECONSUME_LATER;
        }
    }
}
