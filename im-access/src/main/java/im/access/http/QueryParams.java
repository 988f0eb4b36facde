package im.access.http;

import im.api.ImException;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A query string read strictly, as {@link JsonRequest} reads bodies: a parameter the route does not
 * know or one given twice is a {@code BAD_REQUEST} naming it, numbers are decimal digits in range, an
 * id list is comma-separated ids, distinct. Not thread-safe (one per request).
 */
final class QueryParams {
    private final Context ctx;

    private QueryParams(Context ctx) {
        this.ctx = ctx;
    }

    static QueryParams of(Context ctx, Set<String> allowed) throws ImException {
        for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
            String name = p.getKey();
            if (!allowed.contains(name)) {
                throw JsonRequest.bad("unknown parameter '" + (name.length() > 32 ? name.substring(0, 32) + "..."
                        : name) + "'");
            }
            if (p.getValue().size() > 1) {
                throw JsonRequest.bad(name + " given more than once");
            }
        }
        return new QueryParams(ctx);
    }

    /** Decimal digits in [min, max]; absent or empty = {@code absent}. */
    long number(String name, long absent, long min, long max) throws ImException {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return absent;
        }
        long v = JsonRequest.parseId(name, text);
        if (v < min || v > max) {
            throw JsonRequest.bad(name + " must be " + min + ".." + max);
        }
        return v;
    }

    /** PROTOCOL.md paging: {@code page} from 1, {@code size} 1..max (default 20). */
    int page() throws ImException {
        return (int) number("page", 1, 1, 1_000_000);
    }

    int size(int max) throws ImException {
        return (int) number("size", 20, 1, max);
    }

    /** A required string, stripped, 1..maxLength code points. */
    String text(String name, int maxLength) throws ImException {
        String v = ctx.queryParam(name);
        String t = v == null ? "" : v.strip();
        if (t.isEmpty()) {
            throw JsonRequest.bad(name + " is required");
        }
        if (t.codePointCount(0, t.length()) > maxLength) {
            throw JsonRequest.bad(name + " must be at most " + maxLength + " characters");
        }
        return t;
    }

    /** A required comma-separated list of 1..max distinct positive ids. */
    List<Long> ids(String name, int max) throws ImException {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            throw JsonRequest.bad(name + " is required: comma-separated ids");
        }
        String[] parts = v.split(",", -1);
        if (parts.length > max) {
            throw JsonRequest.bad(name + " must hold at most " + max + " ids");
        }
        List<Long> out = new ArrayList<>(parts.length);
        Set<Long> seen = new HashSet<>();
        for (String p : parts) {
            long id = JsonRequest.parseId(name, p.strip());
            if (id == 0) {
                throw JsonRequest.bad(name + " must hold positive ids");
            }
            if (!seen.add(id)) {
                throw JsonRequest.bad(name + " holds " + id + " twice");
            }
            out.add(id);
        }
        return out;
    }
}
