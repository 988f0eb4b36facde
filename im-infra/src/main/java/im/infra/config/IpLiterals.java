package im.infra.config;

import java.util.regex.Pattern;

/** Recognises IP address literals without asking DNS. */
final class IpLiterals {
    private static final Pattern V4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /** Hex groups and colons, at most one {@code ::}; the JDK parses it exactly below. */
    private static final Pattern V6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiterals() {
    }

    static boolean isLiteral(String v) {
        if (v == null) {
            return false;
        }
        if (V4.matcher(v).matches()) {
            return true;
        }
        if (!v.contains(":") || !V6_CHARS.matcher(v).matches()) {
            return false;
        }
        try {
            // Only colons, dots and hex digits reach here: the JDK parses the literal and never resolves it.
            java.net.InetAddress.getByName(v);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** True for 0.0.0.0 and ::, which listen on every interface and cannot be advertised. */
    static boolean isWildcard(String v) {
        return v.equals("0.0.0.0") || v.equals("::") || v.equals("0:0:0:0:0:0:0:0");
    }
}
