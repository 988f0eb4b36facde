package im.client.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a run's figures go: JSON (stdout or a file) and one markdown row in the im-bench table of
 * {@code docs/benchmarks.md}, with the date, the machine and the exact command.
 */
final class Report {
    static final String SECTION = "## Load generator runs (im-bench)";
    static final String TABLE_HEADER = "| date (UTC) | scenario | load | results | machine | command |\n"
            + "|---|---|---|---|---|---|";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {
    }

    static String json(Map<String, Object> summary) throws IOException {
        return JSON.writeValueAsString(summary);
    }

    static String date() {
        return Instant.now().truncatedTo(ChronoUnit.MINUTES).toString().replace("T", " ").replace("Z", "");
    }

    /** Cores, CPU model and memory from /proc; "unknown" parts where it is not Linux. */
    static String machine() {
        String model = "unknown CPU";
        long memKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the row says unknown
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + model + "), "
                + Math.round(memKb / 1048576.0) + " GiB, shared with the stack under test";
    }

    /** The nearest {@code docs/benchmarks.md} above the working directory, or null. */
    static Path findDocs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("docs/benchmarks.md");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Appends {@code row} to the im-bench table: after the table's last row when the section exists,
     * else as a new section at the end of the file.
     */
    static void appendRow(Path docs, String row) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(docs, StandardCharsets.UTF_8));
        int section = lines.indexOf(SECTION);
        if (section < 0) {
            if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
                lines.add("");
            }
            lines.add(SECTION);
            lines.add("");
            lines.add("Rows appended by `im-bench` (im-client/bin/im-bench); see above for how to read them.");
            lines.add("");
            lines.addAll(List.of(TABLE_HEADER.split("\n")));
            lines.add(row);
        } else {
            int header = section + 1;
            while (header < lines.size() && !lines.get(header).startsWith("| date (UTC)")) {
                header++;
            }
            int end = header;
            while (end < lines.size() && lines.get(end).startsWith("|")) {
                end++;
            }
            if (header == lines.size()) {
                lines.addAll(List.of(TABLE_HEADER.split("\n")));
                end = lines.size();
            }
            lines.add(end, row);
        }
        Files.write(docs, lines, StandardCharsets.UTF_8);
    }

    /** A markdown table cell: no pipes or line breaks. */
    static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
