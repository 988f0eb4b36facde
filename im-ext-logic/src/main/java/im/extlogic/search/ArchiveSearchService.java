package im.extlogic.search;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.ConversationKey;
import im.api.search.MessageHit;
import im.api.search.MessagePage;
import im.api.search.MessageQuery;
import im.api.search.SearchCaller;
import im.api.search.SearchService;
import im.extlogic.archive.ArchiveDocuments;
import im.extlogic.archive.ArchiveIndices;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elasticsearch.ElasticsearchException;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.common.text.Text;
import org.elasticsearch.index.query.BoolQueryBuilder;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.index.query.RangeQueryBuilder;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.search.fetch.subphase.highlight.HighlightBuilder;
import org.elasticsearch.search.fetch.subphase.highlight.HighlightField;
import org.elasticsearch.search.sort.SortOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Dubbo {@link SearchService} over the archive alias, one search per call on the caller's
 * tenant's shard (routing). Authorization is a filter of the query itself, never a post-filter of
 * results, so paging and totals only ever count what the caller may see: employees get
 * {@code member_ids = caller} (sender or recipient at send time) and {@code recalled = false};
 * admins get the tenant filter only. Newest first. Thread-safe (the client is).
 */
// The high-level REST client is deprecated upstream in favour of the 8.x Java client, but it is the
// client this product standardises on for Elasticsearch 7.17 (ARCHITECTURE.md).
@SuppressWarnings("deprecation")
public final class ArchiveSearchService implements SearchService {
    private static final Logger log = LoggerFactory.getLogger(ArchiveSearchService.class);
    private static final int SINGLE = 1;
    private static final String[] SOURCE = {"msg_id", "conv_type", "conv_id", "from_user_id", "send_time", "text",
        "recalled"};

    private final RestHighLevelClient es;
    private final ArchiveIndices indices;
    private final SearchAudit audit;

    public ArchiveSearchService(RestHighLevelClient es, ArchiveIndices indices, SearchAudit audit) {
        this.es = es;
        this.indices = indices;
        this.audit = audit;
    }

    @Override
    public MessagePage searchOwn(SearchCaller caller, MessageQuery query) throws ImException {
        ValidQuery q = ValidQuery.of(caller, query);
        BoolQueryBuilder filter = QueryBuilders.boolQuery()
                .filter(QueryBuilders.termQuery("tenant_id", caller.tenantId()))
                .filter(QueryBuilders.termQuery("member_ids", caller.userId()))
                .filter(QueryBuilders.termQuery("recalled", false));
        if (q.convId() > 0) {
            filter.filter(QueryBuilders.termQuery("conv_key",
                    ArchiveDocuments.convKey(ConversationKey.of(q.convType(), caller.userId(), q.convId()))));
        } else if (q.convType() > 0) {
            filter.filter(QueryBuilders.termQuery("conv_type", q.convType()));
        }
        return run(caller, q, filter, true);
    }

    @Override
    public MessagePage searchTenant(SearchCaller admin, MessageQuery query) throws ImException {
        ValidQuery q = ValidQuery.of(admin, query);
        audit.adminSearch(admin, query);
        BoolQueryBuilder filter = QueryBuilders.boolQuery()
                .filter(QueryBuilders.termQuery("tenant_id", admin.tenantId()));
        if (q.convType() > 0) {
            filter.filter(QueryBuilders.termQuery("conv_type", q.convType()));
        }
        if (q.convId() > 0) { // an admin has no side in a single chat: convId names a participant
            filter.filter(q.convType() == SINGLE ? QueryBuilders.termQuery("member_ids", q.convId())
                    : QueryBuilders.termQuery("conv_key",
                            ArchiveDocuments.convKey(ConversationKey.of(q.convType(), admin.userId(), q.convId()))));
        }
        return run(admin, q, filter, false);
    }

    private MessagePage run(SearchCaller caller, ValidQuery q, BoolQueryBuilder query, boolean ownView)
            throws ImException {
        for (String phrase : q.phrases()) {
            query.must(QueryBuilders.matchPhraseQuery("text", phrase));
        }
        if (q.fromUserId() > 0) {
            query.filter(QueryBuilders.termQuery("from_user_id", q.fromUserId()));
        }
        if (q.fromTime() > 0 || q.toTime() > 0) {
            RangeQueryBuilder range = QueryBuilders.rangeQuery("send_time");
            if (q.fromTime() > 0) {
                range.gte(q.fromTime());
            }
            if (q.toTime() > 0) {
                range.lt(q.toTime());
            }
            query.filter(range);
        }
        SearchSourceBuilder source = new SearchSourceBuilder().query(query)
                .from((q.page() - 1) * q.size()).size(q.size())
                .sort("send_time", SortOrder.DESC).sort("msg_id", SortOrder.DESC)
                .trackTotalHitsUpTo(MessageQuery.MAX_WINDOW)
                .fetchSource(SOURCE, null)
                .highlighter(new HighlightBuilder().field("text").encoder("html").numOfFragments(3)
                        .fragmentSize(80).preTags("<em>").postTags("</em>"));
        SearchRequest request = new SearchRequest(indices.alias()).routing(Long.toString(caller.tenantId()))
                .indicesOptions(ArchiveIndices.READ_OPTIONS).source(source);
        SearchResponse response;
        try {
            response = es.search(request, RequestOptions.DEFAULT);
        } catch (IOException | ElasticsearchException e) {
            log.warn("Failed to search the archive: {tenantId={}, userId={}, cause={}}", caller.tenantId(),
                    caller.userId(), e.toString());
            throw ImException.stackless(ErrorCode.BUSY, "the message archive cannot answer now; retry later");
        }
        List<MessageHit> hits = new ArrayList<>(q.size());
        for (SearchHit hit : response.getHits().getHits()) {
            hits.add(toHit(hit, caller, ownView));
        }
        long total = response.getHits().getTotalHits() == null ? hits.size() : response.getHits().getTotalHits().value;
        return new MessagePage(total, q.page(), q.size(), hits);
    }

    private static MessageHit toHit(SearchHit hit, SearchCaller caller, boolean ownView) {
        Map<String, Object> s = hit.getSourceAsMap();
        int convType = ((Number) s.get("conv_type")).intValue();
        long convId = ((Number) s.get("conv_id")).longValue();
        long from = ((Number) s.get("from_user_id")).longValue();
        if (ownView && convType == SINGLE && convId == caller.userId()) {
            convId = from; // the caller received it: the conversation is the sender, as in the caller's stream
        }
        HighlightField field = hit.getHighlightFields().get("text");
        StringBuilder highlight = new StringBuilder();
        if (field != null) {
            for (Text fragment : field.fragments()) {
                if (highlight.length() > 0) {
                    highlight.append(" … ");
                }
                highlight.append(fragment.string());
            }
        }
        return new MessageHit(((Number) s.get("msg_id")).longValue(), convType, convId, from,
                ((Number) s.get("send_time")).longValue(), (String) s.get("text"), highlight.toString(),
                Boolean.TRUE.equals(s.get("recalled")));
    }
}
