package im.infra.json;

/**
 * JSON string literals for the few places that write a small fixed-shape JSON document without a
 * JSON library (the admin port's health answer, webhook bodies). Stateless.
 */
public final class JsonText {
    private JsonText() {
    }

    /**
     * {@code s} as a JSON string literal, quotes included: RFC 8259's escapes, and beyond them every
     * character that some reader takes for a line end or hides (C1 controls, DEL, U+2028/U+2029, the
     * bidi overrides), as {@code \}{@code uXXXX}, so the literal is also safe in a log line.
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
