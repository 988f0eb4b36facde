package im.infra.es;

import java.util.List;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestHighLevelClient;

/** Builds the Elasticsearch high-level REST client with bounded connect and socket timeouts. */
// The high-level REST client is deprecated upstream in favour of the 8.x Java client, but it is the
// client this product standardises on for Elasticsearch 7.17 (ARCHITECTURE.md).
@SuppressWarnings("deprecation")
public final class ElasticsearchFactory {
    private ElasticsearchFactory() {
    }

    /** @param hosts e.g. {@code http://127.0.0.1:9200} */
    public static RestHighLevelClient create(List<String> hosts, int socketTimeoutMillis) {
        HttpHost[] httpHosts = hosts.stream().map(HttpHost::create).toArray(HttpHost[]::new);
        return new RestHighLevelClient(RestClient.builder(httpHosts)
                .setRequestConfigCallback(rc -> rc.setConnectTimeout(3000).setSocketTimeout(socketTimeoutMillis)));
    }
}
