package im.logic.message;

import im.api.org.GroupEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of a {@code GROUP_EVENT} entry: its message row's {@code text} is a small JSON object
 * that clients render ("Alice added Bob and Carol") and the fan-out reads back to find whom the event
 * concerns:
 * <pre>{"kind":"MEMBERS_ADDED","groupId":"7","operatorId":"1","userIds":["2","3"],"userCount":2,"version":5,"time":1700000000000}</pre>
 * Ids are strings, as everywhere clients read JSON (PROTOCOL.md: browsers lose precision above 2^53).
 * At most {@link #MAX_LISTED_USERS} ids are listed, which keeps the text well inside its
 * {@code TEXT} column (64 KB); {@code userCount} is always the full number. Stateless.
 */
public final class GroupEventText {
    /** ~21 bytes per listed id: 2,000 ids take about 42 KB of the column's 64 KB. */
    public static final int MAX_LISTED_USERS = 2000;
    private static final String USERS_FIELD = "\"userIds\":[";

    private GroupEventText() {
    }

    public static String of(GroupEvent e) {
        List<Long> users = e.userIds();
        StringBuilder out = new StringBuilder(128 + 21 * Math.min(users.size(), MAX_LISTED_USERS))
                .append("{\"kind\":\"").append(e.kind().name())
                .append("\",\"groupId\":\"").append(e.groupId())
                .append("\",\"operatorId\":\"").append(e.operatorId())
                .append("\",").append(USERS_FIELD);
        for (int i = 0; i < Math.min(users.size(), MAX_LISTED_USERS); i++) {
            out.append(i == 0 ? "\"" : ",\"").append(users.get(i)).append('"');
        }
        return out.append("],\"userCount\":").append(users.size())
                .append(",\"version\":").append(e.version())
                .append(",\"time\":").append(e.time()).append('}').toString();
    }

    /**
     * The ids listed in a text written by {@link #of}.
     *
     * @throws IllegalArgumentException when {@code text} is not one
     */
    public static List<Long> users(String text) {
        int start = text == null ? -1 : text.indexOf(USERS_FIELD);
        int end = start < 0 ? -1 : text.indexOf(']', start);
        if (end < 0) {
            throw new IllegalArgumentException("not a group event text: no userIds");
        }
        List<Long> out = new ArrayList<>();
        String list = text.substring(start + USERS_FIELD.length(), end);
        if (list.isEmpty()) {
            return out;
        }
        for (String quoted : list.split(",")) {
            if (quoted.length() < 3 || quoted.charAt(0) != '"' || quoted.charAt(quoted.length() - 1) != '"') {
                throw new IllegalArgumentException("not a group event text: bad id " + quoted);
            }
            out.add(Long.parseLong(quoted.substring(1, quoted.length() - 1)));
        }
        return out;
    }
}
