package im.access.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.api.ErrorCode;
import im.api.ImException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A request body as a JSON object whose fields are read with their types checked: strings with a
 * maximum length (in code points), ids as a string of digits or an integral number, lists of ids,
 * booleans. A field of the wrong type, a missing required field or a field the route does not know
 * is a {@code BAD_REQUEST} naming the field. Not thread-safe (one per request).
 */
final class JsonRequest {
    /** Longest id: Long.MAX_VALUE has 19 digits. */
    private static final int MAX_ID_DIGITS = 19;

    private final ObjectNode body;

    private JsonRequest(ObjectNode body) {
        this.body = body;
    }

    /** Parses {@code bytes}; refuses anything but an object holding only {@code allowed} fields. */
    static JsonRequest parse(ObjectMapper json, byte[] bytes, Set<String> allowed) throws ImException {
        JsonNode node;
        try {
            node = bytes.length == 0 ? null : json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw bad("body is not valid JSON");
        } catch (IOException e) {
            throw bad("body could not be read");
        }
        if (node == null || !node.isObject()) {
            throw bad("body must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw bad("unknown field '" + (name.length() > 32 ? name.substring(0, 32) + "..." : name) + "'");
            }
        }
        return new JsonRequest((ObjectNode) node);
    }

    String string(String field, int maxLength) throws ImException {
        String v = optionalString(field, maxLength);
        if (v == null) {
            throw bad(field + " is required");
        }
        return v;
    }

    /** {@code null} when absent or JSON null. */
    String optionalString(String field, int maxLength) throws ImException {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw bad(field + " must be a string");
        }
        String v = n.textValue();
        if (v.codePointCount(0, v.length()) > maxLength) {
            throw bad(field + " must be at most " + maxLength + " characters");
        }
        return v;
    }

    /** A positive id. */
    long id(String field) throws ImException {
        long v = idOrZero(field);
        if (v == 0) {
            throw bad(field + " must be a positive id");
        }
        return v;
    }

    /** An id or 0 (e.g. {@code parentId} 0 = root). */
    long idOrZero(String field) throws ImException {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw bad(field + " is required");
        }
        return toId(field, n);
    }

    boolean has(String field) {
        JsonNode n = body.get(field);
        return n != null && !n.isNull();
    }

    /** A required array of at most {@code max} ids. */
    List<Long> ids(String field, int max) throws ImException {
        List<Long> v = optionalIds(field, max);
        if (v == null) {
            throw bad(field + " is required");
        }
        return v;
    }

    /** {@code null} when absent or JSON null. */
    List<Long> optionalIds(String field, int max) throws ImException {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw bad(field + " must be an array of ids");
        }
        if (n.size() > max) {
            throw bad(field + " must hold at most " + max + " ids");
        }
        List<Long> out = new ArrayList<>(n.size());
        for (JsonNode e : n) {
            long id = toId(field, e);
            if (id == 0) {
                throw bad(field + " must hold positive ids");
            }
            out.add(id);
        }
        return out;
    }

    /** A required integral number in {@code min..max} (no fraction, no string); for amounts and counts. */
    long integer(String field, long min, long max) throws ImException {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw bad(field + " is required");
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
            throw bad(field + " must be an integer in " + min + ".." + max);
        }
        return n.longValue();
    }

    boolean bool(String field) throws ImException {
        Boolean v = optionalBool(field);
        if (v == null) {
            throw bad(field + " is required");
        }
        return v;
    }

    Boolean optionalBool(String field) throws ImException {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isBoolean()) {
            throw bad(field + " must be true or false");
        }
        return n.booleanValue();
    }

    private static long toId(String field, JsonNode n) throws ImException {
        if (n.isTextual()) {
            return parseId(field, n.textValue());
        }
        if (n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0) {
            return n.longValue();
        }
        throw bad(field + " must be an id: a string of digits or a non-negative integer");
    }

    /** An id from text: 1..19 decimal digits within the range of a long. */
    static long parseId(String field, String text) throws ImException {
        if (text == null || text.isEmpty() || text.length() > MAX_ID_DIGITS) {
            throw bad(field + " must be an id of 1.." + MAX_ID_DIGITS + " digits");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(field + " must be an id of decimal digits");
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw bad(field + " is out of range");
        }
    }

    static ImException bad(String message) {
        return ImException.stackless(ErrorCode.BAD_REQUEST, message);
    }
}
