package im.client.bench;

import im.client.ImListener;
import java.util.Map;

/**
 * One scenario as a worker process runs it: a listener per simulated user (called on the SDK's
 * event loops), then the load itself after the coordinator's GO, then the figures for the coordinator
 * to merge ({@link Coordinator#merge}: counters add up, {@code first*} times take the minimum,
 * {@code last*} the maximum, histograms add, {@code max*} arrays take the element-wise maximum and
 * other arrays add).
 */
interface Driver {
    ImListener listener(int index);

    /** Runs the load; returns when it is done or {@code maxSeconds} have passed. */
    void run(Fleet fleet) throws Exception;

    /** Live counters for the progress line. */
    Map<String, Long> progress();

    /** The figures, as JSON-ready values (histograms encoded with {@link Latencies#encode}). */
    Map<String, Object> result();

    /** The send time and number a bench message carries ({@code "bench <nanoTime> <k>"}), or null. */
    static long[] parseBench(String text) {
        if (!text.startsWith("bench ")) {
            return null;
        }
        String[] parts = text.split(" ");
        return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
    }

    /**
     * The text of a bench message. {@link System#nanoTime} is CLOCK_MONOTONIC on Linux, one clock for
     * every process of the machine, so a receiver in another worker process can subtract it.
     */
    static String benchText(long sentNanos, long k) {
        return "bench " + sentNanos + " " + k;
    }
}
