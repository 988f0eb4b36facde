package im.access.http;

import java.util.List;

/** 64-bit ids as JSON strings of decimal digits (PROTOCOL.md: browsers lose precision above 2^53). */
final class Ids {
    private Ids() {
    }

    static String of(long id) {
        return Long.toString(id);
    }

    static List<String> of(List<Long> ids) {
        return ids.stream().map(Ids::of).toList();
    }
}
