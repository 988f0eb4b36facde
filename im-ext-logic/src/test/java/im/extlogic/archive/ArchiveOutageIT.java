package im.extlogic.archive;

import static im.extlogic.archive.ArchivePipeline.await;
import static org.assertj.core.api.Assertions.assertThat;

import im.api.ImException;
import im.api.message.MessageSentEvent;
import im.api.search.MessageQuery;
import im.api.search.SearchCaller;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Elasticsearch is stopped while message events keep arriving, then started again: publishing is
 * unaffected (the send path never waits for the archive) and the archive ends up complete, with no
 * message lost and none twice. It stops the shared Elasticsearch of the machine, so it only runs
 * when asked for, alone:
 * {@code mvn -B -o -pl im-ext-logic -am verify -Dit.test=ArchiveOutageIT -Dim.it.disruptive=true
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}. Elasticsearch is restarted in a finally.
 */
@ExtendWith(StackExtension.class)
@EnabledIfSystemProperty(named = "im.it.disruptive", matches = "true")
class ArchiveOutageIT {
    private static final int BEFORE = 20;
    private static final int DURING = 30;

    @Test
    void archive_shouldBeComplete_whenElasticsearchWasDownDuringIndexing(Stack stack) throws Exception {
        long tenant = ThreadLocalRandom.current().nextLong(1_000_000, 1L << 40);
        long firstId = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        try (ArchivePipeline pipeline = new ArchivePipeline(stack)) {
            for (int i = 0; i < BEFORE; i++) {
                pipeline.publish(event(firstId + i, tenant));
            }
            assertThat(await(Duration.ofSeconds(60), () -> total(pipeline, tenant) == BEFORE)).isTrue();

            try {
                infra(stack.repoRoot(), "down");
                for (int i = BEFORE; i < BEFORE + DURING; i++) {
                    pipeline.publish(event(firstId + i, tenant)); // throws if the send path were affected
                }
                // The consumers must have met the outage before it ends, or the test proves nothing.
                assertThat(await(Duration.ofSeconds(30), () -> pipeline.failedWrites() > 0)).isTrue();
            } finally {
                infra(stack.repoRoot(), "up");
            }

            assertThat(await(Duration.ofMinutes(5), () -> total(pipeline, tenant) == BEFORE + DURING))
                    .as("every message archived after Elasticsearch returned").isTrue();
            assertThat(pipeline.search.searchTenant(new SearchCaller(tenant, 1L),
                    new MessageQuery("outage", 0, 0, 0, 0, 0, 1, 100)).hits())
                    .extracting(h -> h.msgId()).doesNotHaveDuplicates().hasSize(BEFORE + DURING);
        }
    }

    private static MessageSentEvent event(long msgId, long tenant) {
        return new MessageSentEvent(msgId, tenant, 1, 2L, 1L, System.currentTimeMillis(), 1,
                "outage drill 停机演练 #" + msgId, true, List.of(2L), List.of());
    }

    private static long total(ArchivePipeline pipeline, long tenant) {
        try {
            return pipeline.search.searchTenant(new SearchCaller(tenant, 1L), MessageQuery.of("outage")).total();
        } catch (ImException e) {
            return -1; // BUSY while Elasticsearch is away
        }
    }

    private static void infra(Path repoRoot, String action) throws Exception {
        Process p = new ProcessBuilder("bash", "deploy/lib/infra.sh", action, "elasticsearch").directory(repoRoot.toFile())
                .inheritIO().start();
        if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("deploy/lib/infra.sh " + action + " elasticsearch failed");
        }
    }
}
