package im.client;

import im.api.ErrorCode;

/** A request failed: the server answered with an error code, the connection dropped or it timed out. */
public final class ImClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    public ImClientException(int code, String message) {
        super(message + " (code " + code + ")");
        this.code = code;
    }

    /** The protocol's code; {@link ErrorCode#BUSY} for a lost connection or a timeout. */
    public int code() {
        return code;
    }
}
