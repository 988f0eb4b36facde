package im.extlogic.archive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.admin.indices.refresh.RefreshRequest;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes archive operations to Elasticsearch in bulks of at most {@code bulkMaxActions}, sent when
 * full or when the oldest waited {@code bulkMaxDelayMillis}. One named thread sends the bulks, so at
 * most one bulk is in flight and Elasticsearch sees a steady stream instead of a burst per consumer
 * thread.
 *
 * <p>{@link #submit} answers a future that completes when every operation is durable in
 * Elasticsearch, or fails; the RocketMQ consumer acknowledges only then, so nothing is lost while
 * Elasticsearch is down. The queue holds at most {@code queueCapacity} operations: when it is full,
 * {@link #submit} refuses at once (a failed future, nothing queued) and the consumer asks RocketMQ to
 * redeliver later; a full queue never blocks a consumer thread.
 *
 * <p>Indexing uses {@code op_type=create}: a redelivered event meets the existing document (409,
 * counted as done) and so cannot undo a recall that was applied in between. A recall is a partial
 * document update (no script: this Elasticsearch has no painless) of the document found through the
 * alias; a recall whose message is not archived yet fails and is redelivered. Thread-safe.
 */
// The high-level REST client is deprecated upstream in favour of the 8.x Java client, but it is the
// client this product standardises on for Elasticsearch 7.17 (ARCHITECTURE.md).
@SuppressWarnings("deprecation")
public final class BulkArchiver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BulkArchiver.class);

    private final RestHighLevelClient es;
    private final ArchiveIndices indices;
    private final int maxActions;
    private final long maxDelayNanos;
    private final BlockingQueue<Pending> queue;
    private final Thread sender;
    private final Counter indexed;
    private final Counter recalled;
    private final Counter failed;
    private volatile boolean running = true;

    public BulkArchiver(RestHighLevelClient es, ArchiveIndices indices, ArchiveSettings settings,
                        MeterRegistry metrics) {
        this.es = es;
        this.indices = indices;
        this.maxActions = settings.bulkMaxActions();
        this.maxDelayNanos = TimeUnit.MILLISECONDS.toNanos(settings.bulkMaxDelayMillis());
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.indexed = metrics.counter("im.archive.indexed");
        this.recalled = metrics.counter("im.archive.recalled");
        this.failed = metrics.counter("im.archive.failed");
        metrics.gauge("im.archive.queue.size", queue, BlockingQueue::size);
        this.sender = new Thread(this::run, "archive-bulk");
        sender.start();
    }

    /** Raised in a future when the queue could not take the operations. */
    public static final class QueueFullException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QueueFullException(int wanted, int free) {
            super("archive queue full: " + wanted + " operations, " + free + " free", null, false, false);
        }
    }

    /**
     * Queues {@code ops} (all or none).
     *
     * @return completes when all are in Elasticsearch; fails with {@link QueueFullException} at once
     *         when the queue lacks room, or with the cause of a failed bulk
     */
    public CompletableFuture<Void> submit(List<ArchiveOp> ops) {
        if (!running) {
            return CompletableFuture.failedFuture(new IllegalStateException("archiver closed"));
        }
        List<CompletableFuture<Void>> futures = new ArrayList<>(ops.size());
        synchronized (this) { // one submitter at a time, so the capacity check and the offers agree
            int free = queue.remainingCapacity();
            if (free < ops.size()) {
                return CompletableFuture.failedFuture(new QueueFullException(ops.size(), free));
            }
            for (ArchiveOp op : ops) {
                Pending p = new Pending(op, new CompletableFuture<>());
                queue.add(p);
                futures.add(p.done);
            }
        }
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }

    private record Pending(ArchiveOp op, CompletableFuture<Void> done) {
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxActions);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + maxDelayNanos;
                while (batch.size() < maxActions) {
                    long left = deadline - System.nanoTime();
                    Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                flush(batch);
            } catch (InterruptedException e) { // only close() interrupts, after its grace period
                fail(batch, e);
                break;
            } catch (RuntimeException e) { // keep the only sender thread alive whatever happens
                log.error("Failed to write an archive bulk: {ops={}}", batch.size(), e);
                fail(batch, e);
            } finally {
                batch.clear();
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        fail(left, new IllegalStateException("archiver closed"));
    }

    private void flush(List<Pending> batch) {
        List<Pending> toIndex = new ArrayList<>();
        List<Pending> toRecall = new ArrayList<>();
        for (Pending p : batch) {
            (p.op instanceof ArchiveOp.Index ? toIndex : toRecall).add(p);
        }
        if (!toIndex.isEmpty()) {
            indexAll(toIndex);
        }
        if (!toRecall.isEmpty()) {
            recallAll(toRecall, !toIndex.isEmpty());
        }
    }

    private void indexAll(List<Pending> ops) {
        BulkRequest bulk = new BulkRequest();
        for (Pending p : ops) {
            var e = ((ArchiveOp.Index) p.op).event();
            bulk.add(new IndexRequest(indices.indexFor(e.sendTime())).id(Long.toString(e.msgId()))
                    .routing(Long.toString(e.tenantId())).opType(DocWriteRequest.OpType.CREATE)
                    .source(ArchiveDocuments.of(e)));
        }
        BulkResponse response;
        try {
            response = es.bulk(bulk, RequestOptions.DEFAULT);
        } catch (IOException | RuntimeException e) {
            log.warn("Failed to index archive bulk, will be redelivered: {ops={}, cause={}}", ops.size(), e.toString());
            fail(ops, e);
            return;
        }
        complete(ops, response, indexed);
    }

    private void recallAll(List<Pending> ops, boolean indexedJustNow) {
        Map<Long, String> indexOf;
        try {
            if (indexedJustNow) { // a message and its recall in one bulk: make the message findable first
                es.indices().refresh(new RefreshRequest(indices.alias()), RequestOptions.DEFAULT);
            }
            indexOf = locate(ops);
        } catch (IOException | RuntimeException e) {
            log.warn("Failed to locate recalled messages, will be redelivered: {ops={}, cause={}}", ops.size(),
                    e.toString());
            fail(ops, e);
            return;
        }
        BulkRequest bulk = new BulkRequest();
        List<Pending> found = new ArrayList<>();
        for (Pending p : ops) {
            var e = ((ArchiveOp.Recall) p.op).event();
            String index = indexOf.get(e.msgId());
            if (index == null) {
                failed.increment();
                p.done.completeExceptionally(new IllegalStateException("message " + e.msgId() + " not archived yet"));
                continue;
            }
            bulk.add(new UpdateRequest(index, Long.toString(e.msgId())).routing(Long.toString(e.tenantId()))
                    .doc(ArchiveDocuments.recall(e)));
            found.add(p);
        }
        if (found.isEmpty()) {
            return;
        }
        try {
            complete(found, es.bulk(bulk, RequestOptions.DEFAULT), recalled);
        } catch (IOException | RuntimeException e) {
            log.warn("Failed to mark archive recalls, will be redelivered: {ops={}, cause={}}", found.size(),
                    e.toString());
            fail(found, e);
        }
    }

    /** The monthly index of each recalled message, found through the alias (by id, on the tenants' shards). */
    private Map<Long, String> locate(List<Pending> ops) throws IOException {
        String[] ids = ops.stream().map(p -> Long.toString(p.op.msgId())).distinct().toArray(String[]::new);
        String[] routings = ops.stream().map(p -> Long.toString(((ArchiveOp.Recall) p.op).event().tenantId()))
                .distinct().toArray(String[]::new);
        SearchRequest request = new SearchRequest(indices.alias())
                .indicesOptions(ArchiveIndices.READ_OPTIONS)
                .routing(routings)
                .source(new SearchSourceBuilder().query(QueryBuilders.idsQuery().addIds(ids))
                        .size(ids.length).fetchSource(false));
        SearchResponse response = es.search(request, RequestOptions.DEFAULT);
        Map<Long, String> indexOf = new HashMap<>();
        for (SearchHit hit : response.getHits().getHits()) {
            indexOf.put(Long.parseLong(hit.getId()), hit.getIndex());
        }
        return indexOf;
    }

    private void complete(List<Pending> ops, BulkResponse response, Counter done) {
        BulkItemResponse[] items = response.getItems();
        for (int i = 0; i < ops.size(); i++) {
            BulkItemResponse item = items[i];
            Pending p = ops.get(i);
            if (!item.isFailed() || item.status() == RestStatus.CONFLICT) {
                done.increment();
                p.done.complete(null);
            } else {
                failed.increment();
                log.warn("Failed to archive message, will be redelivered: {msgId={}, status={}, cause={}}",
                        p.op.msgId(), item.status(), item.getFailureMessage());
                p.done.completeExceptionally(new IllegalStateException(item.getFailureMessage()));
            }
        }
    }

    private void fail(List<Pending> ops, Throwable cause) {
        failed.increment(ops.size());
        for (Pending p : ops) {
            p.done.completeExceptionally(cause);
        }
    }

    /** Stops taking operations, sends what is queued (bounded by one bulk timeout) and stops the thread. */
    @Override
    public void close() {
        running = false;
        try {
            sender.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
    }
}
