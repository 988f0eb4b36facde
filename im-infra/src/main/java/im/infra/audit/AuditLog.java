package im.infra.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audit trail (a logger under {@code im.audit.}, routed by operators to its own file or
 * collector), written one line per event as {@code <event>: {key=value, ...}}. Every string value is
 * written as a quoted, escaped literal ({@link #quote}), whoever supplied it, so a tenant code, account
 * or query holding a line break or a quote cannot end the line early or forge another one; numbers,
 * booleans and null are written as they are. Events and keys are the caller's constants. Thread-safe.
 */
public final class AuditLog {
    /** Every audit logger's prefix; part of the operations contract. */
    public static final String PREFIX = "im.audit.";

    private final Logger log;

    private AuditLog(Logger log) {
        this.log = log;
    }

    /** The trail {@code im.audit.<trail>}, e.g. {@code login} for {@code im.audit.login}. */
    public static AuditLog of(String trail) {
        if (trail == null || !trail.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("audit trail must be lower-case letters, digits and '-': " + trail);
        }
        return new AuditLog(LoggerFactory.getLogger(PREFIX + trail));
    }

    /** The logger's name ({@code im.audit.<trail>}). */
    public String name() {
        return log.getName();
    }

    /**
     * Writes {@code event} with its fields, given as key, value, key, value...
     *
     * @throws IllegalArgumentException when the pairs are odd
     */
    public void write(String event, Object... keyValues) {
        if (log.isInfoEnabled()) {
            log.info(line(event, keyValues));
        }
    }

    static String line(String event, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("audit fields come in key, value pairs: " + keyValues.length);
        }
        StringBuilder out = new StringBuilder(event.length() + 16 * keyValues.length).append(event).append(": {");
        for (int i = 0; i < keyValues.length; i += 2) {
            out.append(i == 0 ? "" : ", ").append(keyValues[i]).append('=').append(value(keyValues[i + 1]));
        }
        return out.append('}').toString();
    }

    static String value(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        return quote(v.toString());
    }

    /**
     * {@code s} between double quotes with JSON's escapes, and beyond JSON every character that some log
     * reader takes for a line end or hides: C0 and C1 controls, DEL, U+2028/U+2029 and the bidi
     * overrides, all as {@code \}{@code uXXXX}.
     */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                            || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
