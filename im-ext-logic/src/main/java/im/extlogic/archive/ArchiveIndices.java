package im.extlogic.archive;

import java.io.IOException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticsearch.action.admin.indices.settings.put.UpdateSettingsRequest;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.indices.PutComposableIndexTemplateRequest;
import org.elasticsearch.cluster.metadata.AliasMetadata;
import org.elasticsearch.cluster.metadata.ComposableIndexTemplate;
import org.elasticsearch.cluster.metadata.Template;
import org.elasticsearch.common.compress.CompressedXContent;
import org.elasticsearch.common.settings.Settings;

/**
 * Names and the template of the archive: one index per UTC month of the send time
 * ({@code PREFIX-2026.11}), all behind the alias PREFIX that searches read. Indices are created
 * by the first document of their month through the template, which carries the explicit mapping
 * and the alias, so no job has to create next month's index in time.
 */
// The high-level REST client is deprecated upstream in favour of the 8.x Java client, but it is the
// client this product standardises on for Elasticsearch 7.17 (ARCHITECTURE.md).
@SuppressWarnings("deprecation")
public final class ArchiveIndices {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM");

    /**
     * {@code dynamic: strict} refuses a field nobody mapped instead of guessing a type. {@code text}
     * uses the {@code standard} analyzer: this Elasticsearch has no analysis plugins (no cjk, IK or
     * smartcn), and standard splits CJK into one token per character, so a CJK word is found by a
     * phrase query over those characters (positions respected). Routing is required: every document
     * lives on its tenant's shard.
     */
    static final String MAPPING = """
            {"dynamic": "strict",
             "_routing": {"required": true},
             "properties": {
               "msg_id":       {"type": "long"},
               "tenant_id":    {"type": "long"},
               "conv_type":    {"type": "byte"},
               "conv_id":      {"type": "long"},
               "conv_key":     {"type": "keyword"},
               "from_user_id": {"type": "long"},
               "member_ids":   {"type": "long"},
               "send_time":    {"type": "date", "format": "epoch_millis"},
               "content_type": {"type": "byte"},
               "text":         {"type": "text", "analyzer": "standard"},
               "recalled":     {"type": "boolean"},
               "recall_time":  {"type": "date", "format": "epoch_millis"},
               "recalled_by":  {"type": "long"}
             }}""";

    /**
     * Reads through the alias tolerate a missing alias (no message archived yet: no hits, not an
     * error). {@code ignoreThrottled=true} keeps the high-level client from sending the deprecated
     * {@code ignore_throttled=false} parameter, which makes Elasticsearch 7.17 answer every search
     * with a deprecation warning that the client logs at WARN.
     */
    public static final IndicesOptions READ_OPTIONS = IndicesOptions.fromOptions(true, true, true, false, true, true,
            false, true);

    private final ArchiveSettings settings;

    public ArchiveIndices(ArchiveSettings settings) {
        this.settings = settings;
    }

    /** The alias over every month: what searches read. */
    public String alias() {
        return settings.indexPrefix();
    }

    /** The index holding messages sent at {@code epochMillis}. */
    public String indexFor(long epochMillis) {
        return settings.indexPrefix() + "-" + MONTH.format(Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC));
    }

    /** {@code PREFIX-*}: every monthly index. */
    public String pattern() {
        return settings.indexPrefix() + "-*";
    }

    /** The month of an archive index, empty for a name that is not one of ours. */
    public Optional<YearMonth> monthOf(String index) {
        String start = settings.indexPrefix() + "-";
        if (!index.startsWith(start)) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.parse(index.substring(start.length()), MONTH));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Creates or replaces the index template and applies its dynamic settings (refresh interval) to
     * the indices that exist already (idempotent; run at every start).
     */
    public void installTemplate(RestHighLevelClient es) throws IOException {
        Settings indexSettings = Settings.builder()
                .put("index.number_of_shards", settings.shards())
                .put("index.number_of_replicas", settings.replicas())
                .put("index.refresh_interval", settings.refreshInterval())
                .build();
        Template template = new Template(indexSettings, new CompressedXContent(MAPPING),
                Map.of(alias(), AliasMetadata.builder(alias()).build()));
        ComposableIndexTemplate composable = new ComposableIndexTemplate(List.of(pattern()), template, null,
                100L, 1L, Map.of("owner", "im-ext-logic"));
        es.indices().putIndexTemplate(new PutComposableIndexTemplateRequest().name(settings.indexPrefix())
                .indexTemplate(composable), RequestOptions.DEFAULT);
        es.indices().putSettings(new UpdateSettingsRequest(pattern())
                .indicesOptions(IndicesOptions.lenientExpandOpen())
                .settings(Settings.builder().put("index.refresh_interval", settings.refreshInterval())),
                RequestOptions.DEFAULT);
    }
}
