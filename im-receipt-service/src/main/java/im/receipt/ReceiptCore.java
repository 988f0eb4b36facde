package im.receipt;

import im.api.receipt.ReceiptService;
import im.infra.db.PhysicalShards;
import im.infra.mq.RocketMqFactory;
import im.receipt.ingest.ReadListener;
import im.receipt.ingest.SentListener;
import im.receipt.notify.NotifySink;
import im.receipt.notify.ReceiptNotifier;
import im.receipt.query.ReceiptEndpoint;
import im.receipt.query.TenantAdmins;
import im.receipt.store.ReceiptStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQClientException;

/**
 * The receipt object graph without the process plumbing, so tests and the benchmark run the
 * production wiring in their own JVM: store, notifier, the two consumers and the query endpoint.
 * Closing stops the consumers first (RocketMQ persists their offsets), then flushes the notifier.
 */
public final class ReceiptCore implements AutoCloseable {
    private final ReceiptStore store;
    private final ReceiptNotifier notifier;
    private final ReceiptEndpoint endpoint;
    private final DefaultMQPushConsumer sentConsumer;
    private final DefaultMQPushConsumer readConsumer;

    public ReceiptCore(ReceiptSettings settings, DataSource receiptDb, PhysicalShards receiptShards, RocketMqFactory mq, TenantAdmins admins,
                       NotifySink sink, LongSupplier clock, MeterRegistry metrics) throws MQClientException {
        this.store = new ReceiptStore(receiptDb, receiptShards, settings.cachedRecipientIds());
        this.notifier = new ReceiptNotifier(sink, settings.notifyIntervalMillis(), settings.notifyMaxPending(),
                metrics);
        this.endpoint = new ReceiptEndpoint(store, admins);
        this.sentConsumer = mq.consumer(settings.sentGroup(), settings.sentTopic(),
                new SentListener(store, notifier, clock, metrics));
        tune(sentConsumer, 32);
        DefaultMQPushConsumer read;
        try {
            read = mq.orderlyConsumer(settings.readGroup(), settings.readTopic(),
                    new ReadListener(store, notifier, clock, metrics));
        } catch (MQClientException | RuntimeException e) {
            sentConsumer.shutdown();
            notifier.close();
            throw e;
        }
        this.readConsumer = tune(read, settings.readBurst());
    }

    // Read per delivery and per pull, so these apply after start as well. (The consume thread count is
    // fixed at start by RocketMqFactory: RocketMQ's default of 20 per consumer.)
    private static DefaultMQPushConsumer tune(DefaultMQPushConsumer c, int batch) {
        c.setConsumeMessageBatchMaxSize(batch);
        c.setPullBatchSize(Math.max(32, batch));
        return c;
    }

    /** The {@link ReceiptService} to export. */
    public ReceiptService endpoint() {
        return endpoint;
    }

    public ReceiptStore store() {
        return store;
    }

    /** Sends pending notifications now (tests). */
    public void flushNotifications() {
        notifier.flush();
    }

    @Override
    public void close() {
        readConsumer.shutdown();
        sentConsumer.shutdown();
        notifier.close();
    }
}
