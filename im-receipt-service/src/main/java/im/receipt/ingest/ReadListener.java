package im.receipt.ingest;

import im.api.message.MessageEventCodec;
import im.api.message.MessageReadEvent;
import im.receipt.notify.ReceiptNotifier;
import im.receipt.store.ReadCount;
import im.receipt.store.ReceiptStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code im-message-read} orderly (one queue = a set of whole conversations, see
 * {@link im.api.message.MessageTopics#readQueueKey}): each delivery is a burst of up to the consumer's
 * batch size of read events, merged into one mark set per message and applied in one transaction.
 * Only when that transaction committed does it answer {@code SUCCESS}, after which RocketMQ may move
 * the queue's offset: a process killed before that gets the burst again, and re-applying it changes
 * nothing. A failure suspends the queue for a moment and retries the same burst; an undecodable event
 * is dropped (counted), since no retry can fix it. Called by RocketMQ's consume threads, one queue at a
 * time per thread; thread-safe.
 */
public final class ReadListener implements MessageListenerOrderly {
    private static final Logger log = LoggerFactory.getLogger("im.receipt.read");

    private final ReceiptStore store;
    private final ReceiptNotifier notifier;
    private final LongSupplier clock;
    private final Counter events;
    private final Counter marks;
    private final Counter dropped;
    private final Counter failures;
    private final Timer applyTime;

    public ReadListener(ReceiptStore store, ReceiptNotifier notifier, LongSupplier clock, MeterRegistry metrics) {
        this.store = store;
        this.notifier = notifier;
        this.clock = clock;
        this.events = Counter.builder("im.receipt.read.events").description("read events absorbed").register(metrics);
        this.marks = Counter.builder("im.receipt.read.marks").description("(message, reader) marks that set a bit")
                .register(metrics);
        this.dropped = Counter.builder("im.receipt.read.dropped").description("undecodable read events dropped")
                .register(metrics);
        this.failures = Counter.builder("im.receipt.read.failures").description("bursts retried after a failure")
                .register(metrics);
        this.applyTime = Timer.builder("im.receipt.read.apply").description("time to apply one merged burst")
                .register(metrics);
    }

    @Override
    public ConsumeOrderlyStatus consumeMessage(List<MessageExt> msgs, ConsumeOrderlyContext context) {
        Map<Long, Map<Long, Long>> merged = merge(msgs);
        if (merged.isEmpty()) {
            events.increment(msgs.size());
            return ConsumeOrderlyStatus.SUCCESS;
        }
        long t0 = System.nanoTime();
        try {
            List<ReadCount> changed = store.applyReads(merged, clock.getAsLong());
            applyTime.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
            events.increment(msgs.size());
            notifier.offer(changed);
            return ConsumeOrderlyStatus.SUCCESS;
        } catch (SQLException | RuntimeException e) {
            failures.increment();
            log.warn("Failed to apply read marks, retrying the burst: {events={}, messages={}, queue={}}: {}",
                    msgs.size(), merged.size(), context.getMessageQueue(), e.toString());
            return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
        }
    }

    /** msgId -> (reader -> earliest read time) over the burst. */
    private Map<Long, Map<Long, Long>> merge(List<MessageExt> msgs) {
        Map<Long, Map<Long, Long>> merged = new TreeMap<>();
        for (MessageExt m : msgs) {
            MessageReadEvent e;
            try {
                e = MessageEventCodec.decodeRead(m.getBody());
            } catch (IllegalArgumentException ex) {
                dropped.increment();
                log.warn("Dropping an undecodable read event: {msgId={}, keys={}}: {}", m.getMsgId(), m.getKeys(),
                        ex.getMessage());
                continue;
            }
            for (long msgId : e.receiptMsgIds()) {
                merged.computeIfAbsent(msgId, k -> new HashMap<>()).merge(e.userId(), e.readTime(), Math::min);
                marks.increment();
            }
        }
        return merged;
    }
}
