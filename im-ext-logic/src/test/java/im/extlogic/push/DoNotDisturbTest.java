package im.extlogic.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DoNotDisturbTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void covers_shouldSpanMidnight_whenEndIsBeforeStart() {
        DoNotDisturb night = new DoNotDisturb(LocalTime.of(22, 0), LocalTime.of(7, 30), SHANGHAI);

        assertThat(night.covers(Instant.parse("2026-11-23T14:00:00Z"))).as("22:00 local").isTrue();
        assertThat(night.covers(Instant.parse("2026-11-23T17:00:00Z"))).as("01:00 local").isTrue();
        assertThat(night.covers(Instant.parse("2026-11-23T23:29:00Z"))).as("07:29 local").isTrue();
        assertThat(night.covers(Instant.parse("2026-11-23T23:30:00Z"))).as("07:30 local, end exclusive").isFalse();
        assertThat(night.covers(Instant.parse("2026-11-23T04:00:00Z"))).as("12:00 local").isFalse();
    }

    @Test
    void covers_shouldHoldWithinTheDay_whenStartIsBeforeEnd() {
        DoNotDisturb lunch = new DoNotDisturb(LocalTime.of(12, 0), LocalTime.of(13, 0), ZoneId.of("UTC"));

        assertThat(lunch.covers(Instant.parse("2026-11-23T12:30:00Z"))).isTrue();
        assertThat(lunch.covers(Instant.parse("2026-11-23T13:00:00Z"))).isFalse();
        assertThat(lunch.covers(Instant.parse("2026-11-23T11:59:59Z"))).isFalse();
    }

    @Test
    void parse_shouldReadWhatFormatWrites_andRefuseGarbage() {
        DoNotDisturb night = new DoNotDisturb(LocalTime.of(22, 0), LocalTime.of(7, 30), SHANGHAI);

        assertThat(DoNotDisturb.parse(night.format())).isEqualTo(night);
        assertThatThrownBy(() -> DoNotDisturb.parse("22:00 Asia/Shanghai")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DoNotDisturb.parse("22:00-07:00 Mars/Base")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DoNotDisturb.parse("22:00-22:00 UTC")).isInstanceOf(IllegalArgumentException.class);
    }
}
