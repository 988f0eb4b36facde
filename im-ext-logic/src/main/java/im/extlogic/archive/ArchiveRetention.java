package im.extlogic.archive;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.action.admin.indices.delete.DeleteIndexRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.indices.GetIndexRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops monthly archive indices whose whole month is older than the retention age: an index goes
 * when its last millisecond is more than {@code retentionDays} ago, so no message younger than the
 * retention age is ever dropped (a message may outlive it by up to a month). Runs on its own named
 * thread every {@code retentionCheckMinutes}; a failed run is logged and retried next time.
 */
// The high-level REST client is deprecated upstream in favour of the 8.x Java client, but it is the
// client this product standardises on for Elasticsearch 7.17 (ARCHITECTURE.md).
@SuppressWarnings("deprecation")
public final class ArchiveRetention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ArchiveRetention.class);

    private final RestHighLevelClient es;
    private final ArchiveIndices indices;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "archive-retention"));

    public ArchiveRetention(RestHighLevelClient es, ArchiveIndices indices, int retentionDays, Clock clock) {
        this.es = es;
        this.indices = indices;
        this.retention = Duration.ofDays(retentionDays);
        this.clock = clock;
    }

    /** Runs {@link #dropExpired} now and then every {@code periodMinutes}. */
    public ArchiveRetention start(int periodMinutes) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                dropExpired();
            } catch (IOException | RuntimeException e) {
                log.warn("Failed to apply archive retention, will retry: {cause={}}", e.toString());
            }
        }, 1, TimeUnit.MINUTES.toSeconds(periodMinutes), TimeUnit.SECONDS);
        return this;
    }

    /** The archive indices whose month ended before now minus the retention age. */
    public List<String> expired(List<String> names) {
        Instant cutoff = clock.instant().minus(retention);
        List<String> out = new ArrayList<>();
        for (String name : names) {
            Optional<YearMonth> month = indices.monthOf(name);
            if (month.isPresent() && endOf(month.get()).isBefore(cutoff)) {
                out.add(name);
            }
        }
        return out;
    }

    /** Deletes every expired archive index; answers the names it deleted. */
    public List<String> dropExpired() throws IOException {
        GetIndexRequest get = new GetIndexRequest(indices.pattern());
        List<String> expired = expired(List.of(es.indices().get(get, RequestOptions.DEFAULT).getIndices()));
        for (String index : expired) {
            es.indices().delete(new DeleteIndexRequest(index), RequestOptions.DEFAULT);
            log.info("Dropped archive index past retention: {index={}, retentionDays={}}", index, retention.toDays());
        }
        return expired;
    }

    private static Instant endOf(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
