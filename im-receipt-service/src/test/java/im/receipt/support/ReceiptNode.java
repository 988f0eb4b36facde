package im.receipt.support;

import im.api.protocol.ReceiptNotify;
import im.receipt.ReceiptCore;
import im.receipt.ReceiptSettings;
import im.receipt.query.TenantAdmins;
import im.testkit.Stack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The production receipt graph ({@link ReceiptCore}) in the test JVM, consuming a test's own topics
 * with its own consumer groups, against the real receipt database; notifications are recorded.
 */
public final class ReceiptNode implements AutoCloseable {
    private final ReceiptCore core;
    private final ConcurrentLinkedQueue<Map.Entry<Long, ReceiptNotify>> notifications = new ConcurrentLinkedQueue<>();

    public ReceiptNode(Stack stack, ReceiptTopics topics, TenantAdmins admins, Map<String, String> overrides)
            throws Exception {
        var config = stack.config()
                .with("receipt.topic.sent", topics.sentTopic())
                .with("receipt.topic.read", topics.readTopic())
                .with("receipt.consumer.group.sent", topics.group("sent"))
                .with("receipt.consumer.group.read", topics.group("read"))
                .with("receipt.notify.interval.ms", "200");
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            config = config.with(e.getKey(), e.getValue());
        }
        this.core = new ReceiptCore(ReceiptSettings.from(config), stack.sharded("receipt"), stack.shards("receipt"),
                stack.rocketMq("receipt-it-node-" + topics.run()), admins,
                frames -> frames.forEach(f -> notifications.add(Map.entry(f.senderId(), f.body()))), System::currentTimeMillis,
                new SimpleMeterRegistry());
    }

    public ReceiptCore core() {
        return core;
    }

    /** Every frame sent so far, in order, with its recipient. */
    public ConcurrentLinkedQueue<Map.Entry<Long, ReceiptNotify>> notifications() {
        return notifications;
    }

    @Override
    public void close() {
        core.close();
    }
}
