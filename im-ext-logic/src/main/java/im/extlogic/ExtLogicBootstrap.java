package im.extlogic;

import im.api.push.OfflinePushEvent;
import im.api.search.SearchService;
import im.extlogic.archive.ArchiveConsumers;
import im.extlogic.archive.ArchiveIndices;
import im.extlogic.archive.ArchiveListener;
import im.extlogic.archive.ArchiveRetention;
import im.extlogic.archive.ArchiveSettings;
import im.extlogic.archive.BulkArchiver;
import im.extlogic.push.CircuitBreakingProvider;
import im.extlogic.push.LoggingPushProvider;
import im.extlogic.push.OfflinePushListener;
import im.extlogic.push.PushDispatcher;
import im.extlogic.push.PushMerger;
import im.extlogic.push.PushPreferences;
import im.extlogic.push.PushProvider;
import im.extlogic.push.PushSettings;
import im.extlogic.push.WebhookPushProvider;
import im.extlogic.search.ArchiveSearchService;
import im.extlogic.search.SearchAudit;
import im.infra.es.ElasticsearchFactory;
import im.infra.health.TcpHealth;
import im.infra.mq.RocketMqFactory;
import im.infra.redis.RedisHealth;
import im.infra.redis.RedissonFactory;
import im.infra.service.ServiceHost;
import java.time.Clock;
import java.time.Duration;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.redisson.api.RedissonClient;

/**
 * Composition root of im-ext-logic: everything off the critical path (offline push, archive
 * indexing into Elasticsearch, search), fed only by RocketMQ topics.
 * {@code java -jar im-ext-logic.jar deploy/config/im-ext-logic.properties}.
 */
// The high-level REST client is deprecated upstream in favour of the 8.x Java client, but it is the
// client this product standardises on for Elasticsearch 7.17 (ARCHITECTURE.md).
@SuppressWarnings("deprecation")
public final class ExtLogicBootstrap {
    private ExtLogicBootstrap() {
    }

    public static void main(String[] args) {
        ServiceHost.run("im-ext-logic", args, host -> {

            RestHighLevelClient es = ElasticsearchFactory.create(host.config().list("es.hosts"),
                    host.config().intValue("es.socket-timeout.ms", 30_000, 1000, 600_000));
            host.lifecycle().register("elasticsearch", es);
            RocketMqFactory mq = RocketMqFactory.from(host.config(), host.settings().instanceId());

            // Archive: RocketMQ -> bounded bulks -> monthly indices behind one alias.
            ArchiveSettings archive = ArchiveSettings.from(host.config());
            ArchiveIndices indices = new ArchiveIndices(archive);
            indices.installTemplate(es); // before any document, so no index is created without its mapping
            BulkArchiver archiver = host.lifecycle().register("archive-bulk",
                    new BulkArchiver(es, indices, archive, host.metrics()));
            host.lifecycle().register("archive-consumers",
                    new ArchiveConsumers(mq, archive.consumerGroup(), new ArchiveListener(archiver)));
            host.lifecycle().register("archive-retention",
                    new ArchiveRetention(es, indices, archive.retentionDays(), Clock.systemUTC())
                            .start(archive.retentionCheckMinutes()));

            // Offline push: RocketMQ -> rules -> per-user merge window -> provider with breaker, retries, DLQ.
            PushSettings push = PushSettings.from(host.config());
            RedissonClient redis = RedissonFactory.create(host.config());
            host.lifecycle().register("redis", redis::shutdown);
            PushProvider provider = push.webhookUrl().<PushProvider>map(url -> new WebhookPushProvider(url,
                            Duration.ofMillis(push.connectTimeoutMillis()), Duration.ofMillis(push.requestTimeoutMillis())))
                    .orElseGet(LoggingPushProvider::new);
            PushProvider guarded = new CircuitBreakingProvider(provider, "push-provider:" + provider.name(),
                    push.breakerErrors(), push.breakerOpenSeconds());
            DefaultMQProducer deadLetters = mq.producer(push.consumerGroup() + "-dead-letter");
            host.lifecycle().register("push-dead-letter-producer", deadLetters::shutdown);
            PushDispatcher dispatcher = host.lifecycle().register("push-dispatcher",
                    new PushDispatcher(guarded, deadLetters, push, host.metrics()));
            PushMerger merger = host.lifecycle().register("push-merger",
                    new PushMerger(push.mergeWindowMillis(), push.maxPendingUsers(), dispatcher::dispatch));
            DefaultMQPushConsumer pushConsumer = mq.consumer(push.consumerGroup(), OfflinePushEvent.TOPIC,
                    new OfflinePushListener(new PushPreferences(redis), merger, Clock.systemUTC(), host.metrics()));
            host.lifecycle().register("push-consumer", pushConsumer::shutdown);

            // Search over the archive, for the HTTP routes of im-access.
            host.dubbo().export(SearchService.class, new ArchiveSearchService(es, indices, new SearchAudit()),
                    host.settings().serviceName());

            host.admin().addCheck("elasticsearch", () -> es.ping(RequestOptions.DEFAULT) ? "ping" : "no answer")
                    .addCheck("redis", RedisHealth.of(redis))
                    .addCheck("rocketmq-namesrv", TcpHealth.of(host.config().string("rocketmq.namesrv")));
        });
    }
}
