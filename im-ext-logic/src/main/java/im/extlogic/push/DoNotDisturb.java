package im.extlogic.push;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A user's daily quiet hours in the user's zone, e.g. {@code 22:00-07:30 Asia/Shanghai}; a window
 * whose end is before its start spans midnight. Start inclusive, end exclusive.
 */
public record DoNotDisturb(LocalTime start, LocalTime end, ZoneId zone) {

    public DoNotDisturb {
        if (start.equals(end)) {
            throw new IllegalArgumentException("do-not-disturb start and end must differ");
        }
    }

    /** True when {@code instant} falls in the quiet hours. */
    public boolean covers(Instant instant) {
        LocalTime t = instant.atZone(zone).toLocalTime();
        if (start.isBefore(end)) {
            return !t.isBefore(start) && t.isBefore(end);
        }
        return !t.isBefore(start) || t.isBefore(end);
    }

    /** {@code HH:mm-HH:mm ZONE}, the stored form. */
    public String format() {
        return start + "-" + end + " " + zone.getId();
    }

    /** @throws IllegalArgumentException when {@code text} is not in {@link #format()}'s form */
    public static DoNotDisturb parse(String text) {
        try {
            String[] zoneSplit = text.strip().split(" ", 2);
            String[] times = zoneSplit[0].split("-", 2);
            return new DoNotDisturb(LocalTime.parse(times[0]), LocalTime.parse(times[1]), ZoneId.of(zoneSplit[1]));
        } catch (DateTimeException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a do-not-disturb window: " + text, e);
        }
    }
}
