package im.infra.audit;

import im.infra.json.JsonText;
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

    /** {@code s} as {@link JsonText#quote} writes it: no character of it can end or hide a log line. */
    public static String quote(String s) {
        return JsonText.quote(s);
    }
}
