package im.extlogic.archive;

import im.infra.config.ConfigException;
import im.infra.config.ImConfig;

/**
 * The archive's configuration, read once from {@code deploy/config/im-ext-logic.properties}.
 *
 * @param indexPrefix        monthly indices are {@code PREFIX-yyyy.MM}; the read alias is PREFIX
 *                           ({@code archive.index.prefix}, default {@code im-msg-archive})
 * @param shards             primary shards per monthly index ({@code archive.index.shards}, default 1:
 *                           one node in development; production sizes it for ~30 GB per shard)
 * @param replicas           {@code archive.index.replicas}, default 0 (a single node cannot hold one)
 * @param refreshInterval    how often new documents become searchable ({@code archive.index.refresh-interval},
 *                           default {@code 5s}; Elasticsearch's own 1 s made a new segment a second per
 *                           index, most of its CPU under steady indexing); {@code -1} never
 * @param bulkMaxActions     a bulk is sent at this many operations ({@code archive.bulk.max-actions}, 500). Keep
 *                           it below what the consumers hold at once (RocketMQ's 20 consume threads x 32
 *                           messages a delivery, each waiting for its bulk): a larger bulk can only go
 *                           out by the delay
 * @param bulkMaxDelayMillis ... or when its oldest operation waited this long
 *                           ({@code archive.bulk.max-delay.ms}, 1000: a bulk costs Elasticsearch about the same
 *                           CPU whatever its size, and search trails sends by the refresh interval anyway)
 * @param queueCapacity      operations waiting for a bulk; beyond it events are refused and
 *                           redelivered later by RocketMQ ({@code archive.queue.capacity}, 10000)
 * @param consumerThreads    RocketMQ consume threads per topic ({@code archive.consumer.threads}, 8)
 * @param consumerGroup      {@code archive.consumer.group}, default {@code im-ext-logic-archive}
 * @param retentionDays      months whose last day is older than this are dropped
 *                           ({@code archive.retention.days}, 180)
 * @param retentionCheckMinutes how often retention runs ({@code archive.retention.check-interval.minutes}, 60)
 */
public record ArchiveSettings(String indexPrefix, int shards, int replicas, String refreshInterval, int bulkMaxActions,
                              int bulkMaxDelayMillis, int queueCapacity, int consumerThreads, String consumerGroup,
                              int retentionDays, int retentionCheckMinutes) {

    public ArchiveSettings {
        if (!indexPrefix.matches("[a-z0-9][a-z0-9_-]{0,100}")) {
            throw new ConfigException("archive.index.prefix must be lower-case letters, digits, - or _: "
                    + indexPrefix);
        }
        if (!refreshInterval.matches("-1|[1-9][0-9]{0,5}(ms|s|m)")) {
            throw new ConfigException("archive.index.refresh-interval must be a duration like 500ms, 5s or 1m, or -1: "
                    + refreshInterval);
        }
        if (queueCapacity < bulkMaxActions) {
            throw new ConfigException("archive.queue.capacity (" + queueCapacity
                    + ") must be at least archive.bulk.max-actions (" + bulkMaxActions + ")");
        }
    }

    public static ArchiveSettings from(ImConfig c) {
        return new ArchiveSettings(
                c.string("archive.index.prefix", "im-msg-archive"),
                c.intValue("archive.index.shards", 1, 1, 64),
                c.intValue("archive.index.replicas", 0, 0, 5),
                c.string("archive.index.refresh-interval", "5s"),
                c.intValue("archive.bulk.max-actions", 500, 1, 10_000),
                c.intValue("archive.bulk.max-delay.ms", 1000, 1, 60_000),
                c.intValue("archive.queue.capacity", 10_000, 1, 1_000_000),
                c.intValue("archive.consumer.threads", 8, 1, 64),
                c.string("archive.consumer.group", "im-ext-logic-archive"),
                c.intValue("archive.retention.days", 180, 1, 36_500),
                c.intValue("archive.retention.check-interval.minutes", 60, 1, 10_080));
    }
}
