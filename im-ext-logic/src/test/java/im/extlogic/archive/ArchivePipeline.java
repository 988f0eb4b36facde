package im.extlogic.archive;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageEventCodec;
import im.api.message.MessageRecalledEvent;
import im.api.message.MessageSentEvent;
import im.api.message.MessageTopics;
import im.extlogic.search.ArchiveSearchService;
import im.extlogic.search.SearchAudit;
import im.infra.config.ImConfig;
import im.testkit.Stack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.elasticsearch.action.admin.indices.delete.DeleteIndexRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.indices.DeleteComposableIndexTemplateRequest;

/**
 * The archive and search wired as {@code ExtLogicBootstrap} wires them, against the real stack,
 * with an index prefix and consumer groups of their own so that runs never see each other's data,
 * plus a real producer that publishes message events the way im-logic does.
 */
// The high-level REST client is deprecated upstream in favour of the 8.x Java client, but it is the
// client this product standardises on for Elasticsearch 7.17 (ARCHITECTURE.md).
@SuppressWarnings("deprecation")
public final class ArchivePipeline implements AutoCloseable {
    public final String run = UUID.randomUUID().toString().substring(0, 8);
    public final RestHighLevelClient es;
    public final ArchiveSettings settings;
    public final ArchiveIndices indices;
    public final BulkArchiver archiver;
    public final ArchiveConsumers consumers;
    public final ArchiveSearchService search;
    private final DefaultMQProducer producer;
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    public ArchivePipeline(Stack stack) throws Exception {
        this.es = stack.elasticsearch();
        ImConfig config = stack.config().with("archive.index.prefix", "it-archive-" + run)
                .with("archive.consumer.group", "it-archive-" + run);
        this.settings = ArchiveSettings.from(config);
        this.indices = new ArchiveIndices(settings);
        indices.installTemplate(es);
        this.archiver = new BulkArchiver(es, indices, settings, metrics);
        this.producer = stack.rocketMq("it-archive-" + run).producer("it-archive-producer-" + run);
        this.consumers = new ArchiveConsumers(stack.rocketMq("it-archive-" + run), settings.consumerGroup(),
                new ArchiveListener(archiver));
        this.search = new ArchiveSearchService(es, indices, new SearchAudit());
    }

    public void publish(MessageSentEvent e) throws Exception {
        send(new Message(MessageTopics.MESSAGE_SENT, convTag(e.convType()), Long.toString(e.msgId()),
                MessageEventCodec.encode(e)));
    }

    public void publish(MessageRecalledEvent e) throws Exception {
        send(new Message(MessageTopics.MESSAGE_RECALLED, convTag(e.convType()), Long.toString(e.msgId()),
                MessageEventCodec.encode(e)));
    }

    private void send(Message m) throws Exception {
        SendStatus status = producer.send(m).getSendStatus();
        if (status != SendStatus.SEND_OK) {
            throw new IllegalStateException("publish failed: " + status);
        }
    }

    private static String convTag(int convType) {
        return convType == 1 ? "SINGLE" : "GROUP";
    }

    /** Archive operations that failed and were left for redelivery so far. */
    public double failedWrites() {
        return metrics.counter("im.archive.failed").count();
    }

    /** Polls {@code condition} every 200 ms until true or {@code max} elapsed (no wall-clock assertion). */
    public static boolean await(Duration max, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (holds(condition)) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }

    /**
     * One poll. A BUSY answer counts as "not yet": right after the first event of a month its index
     * is created, and a search in that moment finds the new shard not started ("all shards failed").
     */
    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof ImException busy && busy.code() == ErrorCode.BUSY) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        consumers.close();
        producer.shutdown();
        archiver.close();
        try {
            es.indices().delete(new DeleteIndexRequest(indices.pattern()), RequestOptions.DEFAULT);
            es.indices().deleteIndexTemplate(new DeleteComposableIndexTemplateRequest(settings.indexPrefix()),
                    RequestOptions.DEFAULT);
        } catch (IOException | RuntimeException e) {
            System.err.println("ArchivePipeline: cleanup failed: " + e);
        }
    }
}
