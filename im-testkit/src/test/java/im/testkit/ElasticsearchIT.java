package im.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.elasticsearch.action.admin.indices.delete.DeleteIndexRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.indices.CreateIndexRequest;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.xcontent.XContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StackExtension.class)
// The high-level REST client is deprecated upstream in favour of the 8.x Java client, but it is the
// client this product standardises on for Elasticsearch 7.17 (ARCHITECTURE.md).
@SuppressWarnings("deprecation")
class ElasticsearchIT {

    @Test
    void indexedDocument_shouldBeFoundByLatinWordAndCjkPhrase(Stack stack) throws Exception {
        RestHighLevelClient es = stack.elasticsearch();
        String index = "im-test-" + UUID.randomUUID();
        es.indices().create(new CreateIndexRequest(index).mapping(
                "{\"properties\":{\"text\":{\"type\":\"text\",\"analyzer\":\"standard\"},"
                        + "\"tenant_id\":{\"type\":\"long\"}}}", XContentType.JSON), RequestOptions.DEFAULT);
        try {
            es.index(new IndexRequest(index).id("1").source(Map.of("tenant_id", 1, "text", "分布式事务中间件测试 release"))
                    .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE), RequestOptions.DEFAULT);
            es.index(new IndexRequest(index).id("2").source(Map.of("tenant_id", 1, "text", "事务测试中间件"))
                    .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE), RequestOptions.DEFAULT);

            assertThat(ids(es, index, "release")).containsExactly("1");
            assertThat(ids(es, index, "事务中间件")).containsExactly("1");
        } finally {
            es.indices().delete(new DeleteIndexRequest(index), RequestOptions.DEFAULT);
        }
    }

    private static String[] ids(RestHighLevelClient es, String index, String phrase) throws Exception {
        SearchResponse r = es.search(new SearchRequest(index).source(new SearchSourceBuilder()
                .query(QueryBuilders.matchPhraseQuery("text", phrase))), RequestOptions.DEFAULT);
        return java.util.Arrays.stream(r.getHits().getHits()).map(h -> h.getId()).toArray(String[]::new);
    }
}
