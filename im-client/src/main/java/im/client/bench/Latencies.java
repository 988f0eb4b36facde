package im.client.bench;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies in microseconds, 1 us .. 10 min at 3 significant digits, recorded from any thread and
 * shipped from worker processes to the coordinator as compressed, base64-encoded HdrHistograms.
 */
final class Latencies {
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Histogram histogram;

    Latencies() {
        this(new ConcurrentHistogram(1, MAX_MICROS, 3));
    }

    private Latencies(Histogram histogram) {
        this.histogram = histogram;
    }

    void recordNanos(long nanos) {
        histogram.recordValue(Math.max(1, Math.min(MAX_MICROS, nanos / 1000)));
    }

    long count() {
        return histogram.getTotalCount();
    }

    void add(Latencies other) {
        histogram.add(other.histogram);
    }

    String encode() {
        Histogram copy = histogram.copy();
        ByteBuffer buf = ByteBuffer.allocate(copy.getNeededByteBufferCapacity());
        int n = copy.encodeIntoCompressedByteBuffer(buf);
        byte[] bytes = new byte[n];
        buf.flip();
        buf.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static Latencies decode(String base64) {
        try {
            Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 1);
            ConcurrentHistogram c = new ConcurrentHistogram(1, MAX_MICROS, 3);
            c.add(h);
            return new Latencies(c);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("a worker sent a corrupt histogram: " + e.getMessage(), e);
        }
    }

    /** count, p50, p99, p999 and max in milliseconds. */
    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", histogram.getTotalCount());
        m.put("p50_ms", ms(histogram.getValueAtPercentile(50)));
        m.put("p99_ms", ms(histogram.getValueAtPercentile(99)));
        m.put("p999_ms", ms(histogram.getValueAtPercentile(99.9)));
        m.put("max_ms", ms(histogram.getMaxValue()));
        return m;
    }

    /** "p50 1.2 / p99 3.4 / p999 5.6 / max 7.8 ms" for the markdown row. */
    String brief() {
        if (histogram.getTotalCount() == 0) {
            return "no samples";
        }
        return "p50 " + readable(histogram.getValueAtPercentile(50)) + " / p99 "
                + readable(histogram.getValueAtPercentile(99)) + " / p999 " + readable(histogram.getValueAtPercentile(99.9))
                + " / max " + readable(histogram.getMaxValue()) + " ms";
    }

    /** Milliseconds with as many digits as 3 significant ones justify, for people. */
    private static String readable(long micros) {
        double ms = micros / 1000.0;
        return ms >= 100 ? Long.toString(Math.round(ms)) : ms >= 10 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.2f", ms);
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
