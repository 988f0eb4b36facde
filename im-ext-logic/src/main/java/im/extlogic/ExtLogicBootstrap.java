package im.extlogic;

import im.infra.es.ElasticsearchFactory;
import im.infra.health.TcpHealth;
import im.infra.service.ServiceHost;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;

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

            host.admin().addCheck("elasticsearch", () -> es.ping(RequestOptions.DEFAULT) ? "ping" : "no answer")
                    .addCheck("rocketmq-namesrv", TcpHealth.of(host.config().string("rocketmq.namesrv")));
        });
    }
}
