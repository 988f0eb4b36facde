package im.client.bench;

import im.api.ErrorCode;
import im.client.ImClientException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * The answers of one phase counted by what they were: {@code ok}, a protocol code with its name
 * ({@code 1021 RED_PACKET_EMPTY}), an HTTP status without a code, or a transport failure
 * ({@code io HttpTimeoutException}). Thread-safe.
 */
final class AnswerTally {
    static final String OK = "ok";

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    void ok() {
        add(OK);
    }

    void failed(Throwable e) {
        add(key(e));
    }

    void add(String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    long count(String key) {
        LongAdder n = counts.get(key);
        return n == null ? 0 : n.sum();
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The key an answer that is not a success is counted under. */
    static String key(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ImClientException c) {
            ErrorCode known = ErrorCode.of(c.code());
            if (c.code() < 1000) {
                return "HTTP " + c.code();
            }
            return c.code() + " " + (known.code() == c.code() ? known.name() : "unknown code");
        }
        return "io " + cause.getClass().getSimpleName();
    }

    /** Every key with its count, {@code ok} first, then by key. */
    Map<String, Long> asMap() {
        Map<String, Long> out = new TreeMap<>((a, b) -> a.equals(b) ? 0 : OK.equals(a) ? -1 : OK.equals(b) ? 1
                : a.compareTo(b));
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** "200 ok, 800 x 1021 RED_PACKET_EMPTY" for the markdown row. */
    String brief() {
        StringBuilder b = new StringBuilder();
        asMap().forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(v)
                .append(OK.equals(k) ? " ok" : " x " + k));
        return b.length() == 0 ? "no answers" : b.toString();
    }
}
