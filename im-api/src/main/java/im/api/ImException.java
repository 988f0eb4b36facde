package im.api;

import java.util.Objects;

/**
 * The one exception type of the product: an {@link ErrorCode} plus a message meant for the caller.
 * Dubbo methods declare {@code throws ImException} so that Dubbo's ExceptionFilter passes it to the
 * consumer unchanged; the edges (frame handler, HTTP handler) turn it into the protocol's code.
 *
 * <p>Routine client-triggered errors on hot paths use {@link #stackless}, which skips the stack
 * trace: it is the cost of an allocation, not of a walk of the stack.
 */
public class ImException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ImException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ImException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    private ImException(ErrorCode code, String message, boolean writableStackTrace) {
        super(message, null, false, writableStackTrace);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** An exception without a stack trace, for errors a client causes routinely. */
    public static ImException stackless(ErrorCode code, String message) {
        return new ImException(code, message, false);
    }

    public ErrorCode code() {
        return code;
    }
}
