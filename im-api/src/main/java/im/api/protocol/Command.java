package im.api.protocol;

/**
 * The {@code cmd} numbers of PROTOCOL.md section 2, carried in the fourth header field. Numbers are
 * binding for every client.
 */
public enum Command {
    LOGIN_REQ(1),
    LOGIN_RESP(2),
    HEARTBEAT_REQ(3),
    HEARTBEAT_RESP(4),
    LOGOUT_REQ(5),
    LOGOUT_RESP(6),
    KICKOUT(7),
    SEND_REQ(10),
    SEND_RESP(11),
    MSG_PUSH(12),
    MSG_ACK(13),
    SYNC_REQ(14),
    SYNC_RESP(15),
    RECALL_REQ(16),
    RECALL_RESP(17),
    READ_REQ(18),
    READ_RESP(19),
    RECEIPT_QUERY_REQ(20),
    RECEIPT_QUERY_RESP(21),
    RECEIPT_NOTIFY(22),
    READ_SYNC_NOTIFY(23),
    CONV_LIST_REQ(24),
    CONV_LIST_RESP(25),
    ERROR(99);

    private static final Command[] BY_NUMBER = new Command[100];

    static {
        for (Command c : values()) {
            BY_NUMBER[c.number] = c;
        }
    }

    private final int number;

    Command(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The command for a wire number, or {@code null} when the number is not a known command. */
    public static Command of(int number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }
}
