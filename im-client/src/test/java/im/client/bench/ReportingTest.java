package im.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import im.client.Endpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The load generator's bookkeeping: merging worker results, splitting users, the docs row. */
class ReportingTest {

    @Test
    void merge_shouldAddCountersAndHistograms_takeFirstMinAndLastMax_andMaxListsElementwise() {
        Latencies a = new Latencies();
        a.recordNanos(1_000_000);
        Latencies b = new Latencies();
        b.recordNanos(3_000_000);
        b.recordNanos(5_000_000);

        Map<String, Object> merged = Coordinator.merge(List.of(
                Map.of("sent", 10, "firstSend", 100L, "lastPush", 900L, "histPush", a.encode(),
                        "maxLatencyPerMessage", List.of(5, 1), "deliveredPerMessage", List.of(2, 2)),
                Map.of("sent", 5, "firstSend", 50L, "lastPush", 700L, "histPush", b.encode(),
                        "maxLatencyPerMessage", List.of(3, 4), "deliveredPerMessage", List.of(1, 0))));

        assertThat(merged.get("sent")).isEqualTo(15L);
        assertThat(merged.get("firstSend")).isEqualTo(50L);
        assertThat(merged.get("lastPush")).isEqualTo(900L);
        assertThat(((Latencies) merged.get("histPush")).count()).isEqualTo(3);
        assertThat(((Latencies) merged.get("histPush")).summary().get("max_ms")).isEqualTo(5.0);
        assertThat(merged.get("maxLatencyPerMessage")).isEqualTo(List.of(5L, 4L));
        assertThat(merged.get("deliveredPerMessage")).isEqualTo(List.of(3L, 2L));
    }

    @Test
    void specs_shouldKeepPairsTogether_andGiveEachWorkerItsOwnSourceAddress() {
        BenchOptions opts = new BenchOptions();
        new CommandLine(opts).parseArgs("--workers", "3");
        List<WorkerSpec.BenchUser> users = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            users.add(new WorkerSpec.BenchUser(i, "t" + i));
        }

        List<WorkerSpec> specs = opts.specs("single", users, 2, List.of(new Endpoint("h:1", "ws://h:1/ws")), false,
                Map.of());

        assertThat(specs).extracting(s -> s.users().size()).containsExactly(6, 4, 4);
        assertThat(specs).extracting(WorkerSpec::firstUser).containsExactly(0, 6, 10);
        assertThat(specs).extracting(WorkerSpec::sourceIp).containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4");
    }

    @Test
    void validate_shouldAskForMoreWorkers_pastOneProcesssFileLimit() {
        BenchOptions opts = new BenchOptions();
        new CommandLine(opts).parseArgs("--workers", "1");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> opts.validate(30_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--workers 2");
    }

    @Test
    void appendRow_shouldCreateTheSectionOnce_andAppendBelowTheLastRow(@TempDir Path dir) throws Exception {
        Path docs = dir.resolve("benchmarks.md");
        Files.writeString(docs, "# Benchmarks\n\nsome text\n", StandardCharsets.UTF_8);

        Report.appendRow(docs, "| a | 1 |");
        Files.writeString(docs, Files.readString(docs) + "\n## Later section\n\ntext\n");
        Report.appendRow(docs, "| b | 2 |");

        List<String> lines = Files.readAllLines(docs);
        assertThat(lines.stream().filter(Report.SECTION::equals)).hasSize(1);
        int a = lines.indexOf("| a | 1 |");
        assertThat(lines.get(a + 1)).isEqualTo("| b | 2 |");
        assertThat(lines.indexOf("## Later section")).isGreaterThan(a + 1);
        assertThat(lines).contains("some text");
    }

    @Test
    void command_shouldMaskThePlatformPassword() {
        assertThat(BenchOptions.command(new String[] {"single", "--platform-password", "secret", "--pairs", "2"}))
                .isEqualTo("im-client/bin/im-bench single --platform-password *** --pairs 2");
        assertThat(BenchOptions.command(new String[] {"--platform-password=secret"}))
                .isEqualTo("im-client/bin/im-bench --platform-password=***");
    }

    @Test
    void benchText_shouldCarryTheSendTimeAndNumber() {
        assertThat(Driver.parseBench(Driver.benchText(123456789L, 7))).containsExactly(123456789L, 7L);
        assertThat(Driver.parseBench("hello")).isNull();
    }
}
