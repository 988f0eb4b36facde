package im.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import im.api.protocol.ConvType;
import im.api.protocol.Conversation;
import im.api.protocol.Message;
import im.api.protocol.MsgKind;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code im-cli} prints: lines for people, or with {@code --json} one JSON object per line
 * (64-bit ids as strings, as in the HTTP API). Errors go to stderr in both modes. Thread-safe
 * (messages arrive on the SDK's event loop while the main thread prints).
 */
final class Output {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;

    Output(PrintStream out, PrintStream err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    /** One result: {@code fields} as JSON, or {@code human} as a line. */
    synchronized void result(String human, Map<String, Object> fields) {
        if (json) {
            out.println(toJson(fields));
        } else {
            out.println(human);
        }
        out.flush();
    }

    /** A line for people only (hints, headings); nothing in JSON mode. */
    synchronized void info(String line) {
        if (!json) {
            out.println(line);
            out.flush();
        }
    }

    synchronized void error(String message, int code) {
        err.println("im-cli: " + message);
        err.flush();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", false);
            m.put("code", code);
            m.put("message", message);
            out.println(toJson(m));
            out.flush();
        }
    }

    void message(Message m, long me) {
        result(describe(m, me), fields(m));
    }

    static String describe(Message m, long me) {
        String where;
        if (m.getConvType() == ConvType.GROUP) {
            where = "user " + m.getFromUserId() + " @ group " + m.getConvId();
        } else if (m.getFromUserId() == me) {
            where = "me -> user " + m.getConvId();
        } else {
            where = "user " + m.getFromUserId() + " -> me";
        }
        String body;
        if (m.getKind() == MsgKind.RECALL) {
            body = "(recalled msg " + m.getRefMsgId() + ")";
        } else if (m.getKind() == MsgKind.GROUP_EVENT) {
            body = "(group event) " + m.getText();
        } else if (m.getRecalled()) {
            body = "(recalled)";
        } else {
            body = m.getText().isEmpty() ? "(" + m.getContentType() + ", " + m.getPayload().size() + " bytes)"
                    : m.getText();
        }
        return "[" + m.getSeq() + "] " + TIME.format(Instant.ofEpochMilli(m.getSendTime())) + "  " + where + ": "
                + body + "  (msg " + m.getMsgId() + ")";
    }

    static Map<String, Object> fields(Message m) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "message");
        f.put("msgId", Long.toString(m.getMsgId()));
        f.put("seq", m.getSeq());
        f.put("convType", m.getConvType().name());
        f.put("convId", Long.toString(m.getConvId()));
        f.put("fromUserId", Long.toString(m.getFromUserId()));
        f.put("sendTime", m.getSendTime());
        f.put("kind", m.getKind().name());
        f.put("contentType", m.getContentType().name());
        f.put("text", m.getText());
        f.put("clientMsgId", m.getClientMsgId());
        f.put("recalled", m.getRecalled());
        if (m.getRefMsgId() != 0) {
            f.put("refMsgId", Long.toString(m.getRefMsgId()));
        }
        return f;
    }

    void conversation(Conversation c, long me) {
        String peer = (c.getConvType() == ConvType.GROUP ? "group " : "user ") + c.getConvId();
        String last = c.hasLastMessage() ? describe(c.getLastMessage(), me) : "(no messages)";
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "conversation");
        f.put("convType", c.getConvType().name());
        f.put("convId", Long.toString(c.getConvId()));
        f.put("unread", c.getUnread());
        f.put("readSeq", c.getReadSeq());
        f.put("updateTime", c.getUpdateTime());
        if (c.hasLastMessage()) {
            f.put("lastMessage", fields(c.getLastMessage()));
        }
        result(String.format("%-22s unread %-4d %s", peer, c.getUnread(), last), f);
    }

    private static String toJson(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
