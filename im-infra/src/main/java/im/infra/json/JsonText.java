package im.infra.json;

/**
 * JSON string literals for the few places that write a small fixed-shape JSON document without a
 * JSON library (the admin port's health answer, webhook bodies). Stateless.
 */
public final class JsonText {
    private JsonText() {
    }

    /** {@code s} as a JSON string literal, quotes included (RFC 8259 escapes). */
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
                    if (c < 0x20) {
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
