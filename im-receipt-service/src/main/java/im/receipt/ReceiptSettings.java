package im.receipt;

import im.api.message.MessageTopics;
import im.infra.config.ImConfig;

/**
 * im-receipt-service's configuration, read once from {@code deploy/config/im-receipt-service.properties}
 * (after {@code shared.properties}; every key also as an {@code IM_*} environment override).
 *
 * @param sentTopic          {@code receipt.topic.sent}, default {@value MessageTopics#MESSAGE_SENT}
 * @param readTopic          {@code receipt.topic.read}, default {@value MessageTopics#MESSAGE_READ}
 * @param sentGroup          {@code receipt.consumer.group.sent}, default {@code im-receipt-sent}
 * @param readGroup          {@code receipt.consumer.group.read}, default {@code im-receipt-read}
 * @param readBurst          read events merged into one transaction at most ({@code receipt.read.burst},
 *                           default 1024). A burst only grows that large under a backlog (RocketMQ hands
 *                           over 32 events per pull), which is when merging pays: the benchmark absorbed
 *                           ~3,800 reads/s at 1024 against ~2,300 at 256 (docs/benchmarks.md)
 * @param notifyIntervalMillis least time between two notifies of one message
 *                           ({@code receipt.notify.interval.ms}, default 1000, as the issue asks)
 * @param notifyMaxPending   messages with a change waiting for the next notify
 *                           ({@code receipt.notify.max-pending}, default 100,000)
 * @param cachedRecipientIds recipient ids kept decoded in memory ({@code receipt.cache.recipient-ids},
 *                           default 2,000,000: ~16 MB, two hundred 10,000-member messages)
 * @param dbPoolSize         connections per physical database ({@code db.pool.size}, default 16)
 */
public record ReceiptSettings(String sentTopic, String readTopic, String sentGroup, String readGroup, int readBurst,
                              int notifyIntervalMillis, int notifyMaxPending,
                              int cachedRecipientIds, int dbPoolSize) {

    public static ReceiptSettings from(ImConfig c) {
        return new ReceiptSettings(
                c.string("receipt.topic.sent", MessageTopics.MESSAGE_SENT),
                c.string("receipt.topic.read", MessageTopics.MESSAGE_READ),
                c.string("receipt.consumer.group.sent", "im-receipt-sent"),
                c.string("receipt.consumer.group.read", "im-receipt-read"),
                c.intValue("receipt.read.burst", 1024, 1, 1024),
                c.intValue("receipt.notify.interval.ms", 1000, 10, 60_000),
                c.intValue("receipt.notify.max-pending", 100_000, 1, 10_000_000),
                c.intValue("receipt.cache.recipient-ids", 2_000_000, 10_000, 100_000_000),
                c.intValue("db.pool.size", 16, 1, 256));
    }
}
