package im.api;

/**
 * Every code a client, an HTTP caller or a Dubbo consumer can receive, as PROTOCOL.md section 3
 * fixes them, with the HTTP status each maps to. Codes are part of the wire contract: add, never
 * renumber.
 */
public enum ErrorCode {
    OK(0, 200),
    BAD_REQUEST(1000, 400),
    UNAUTHENTICATED(1001, 401),
    /** No relation allows it: other tenant, hidden department, not a member, not the sender. */
    FORBIDDEN(1003, 403),
    NOT_FOUND(1004, 404),
    RECALL_WINDOW_EXPIRED(1005, 409),
    MUTED(1006, 403),
    TOO_LARGE(1009, 413),
    /** Red packets (1020..1029): the caller already grabbed this packet. */
    RED_PACKET_ALREADY_GRABBED(1020, 409),
    /** Every share of the red packet is taken. */
    RED_PACKET_EMPTY(1021, 409),
    /** The red packet expired (its unclaimed amount is refunded to the sender). */
    RED_PACKET_EXPIRED(1022, 409),
    /** The wallet holds less than the amount asked for; nothing was debited. */
    INSUFFICIENT_BALANCE(1023, 409),
    RATE_LIMITED(1429, 429),
    INTERNAL(1500, 500),
    /** Overloaded: retry with backoff; nothing was stored. */
    BUSY(1503, 503);

    private final int code;
    private final int httpStatus;

    ErrorCode(int code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The enum constant for a wire code; unknown codes map to {@link #INTERNAL}. */
    public static ErrorCode of(int code) {
        for (ErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return INTERNAL;
    }
}
