package im.extlogic.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveIndicesTest {
    private final ArchiveIndices indices = new ArchiveIndices(
            new ArchiveSettings("im-msg-archive", 1, 0, "5s", 500, 100, 10_000, 8, "g", 180, 60));

    @Test
    void indexFor_shouldNameTheUtcMonthOfTheSendTime() {
        assertThat(indices.indexFor(Instant.parse("2026-11-30T23:59:59.999Z").toEpochMilli()))
                .isEqualTo("im-msg-archive-2026.11");
        assertThat(indices.indexFor(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli()))
                .isEqualTo("im-msg-archive-2026.12");
        assertThat(indices.monthOf("im-msg-archive-2026.11")).contains(YearMonth.of(2026, 11));
        assertThat(indices.monthOf("im-msg-archive-x")).isEmpty();
        assertThat(indices.monthOf("other-2026.11")).isEmpty();
    }

    @Test
    void expired_shouldKeepAMonth_untilItsLastDayIsOlderThanTheRetention() {
        Clock now = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
        ArchiveRetention retention = new ArchiveRetention(null, indices, 180, now);
        // 180 days before 2026-11-23T12:00 is 2026-05-27T12:00: May ends after it, April before it.
        List<String> names = List.of("im-msg-archive-2026.04", "im-msg-archive-2026.05", "im-msg-archive-2026.11",
                "im-msg-archive-2025.12", "unrelated-2020.01");

        assertThat(retention.expired(names)).containsExactly("im-msg-archive-2026.04", "im-msg-archive-2025.12");
        retention.close();
    }
}
