package im.access.transport.codec;

import im.api.ErrorCode;
import io.netty.handler.codec.CorruptedFrameException;

/**
 * A frame the connection cannot go on after: the code for the {@code ERROR} frame, the seq to echo
 * (0 when the header did not get that far). Stackless: a client can trigger it at will, and the
 * message names the diagnosis.
 */
public final class FrameException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;
    private final int seq;

    public FrameException(ErrorCode code, int seq, String message) {
        super(message);
        this.code = code;
        this.seq = seq;
    }

    public ErrorCode code() {
        return code;
    }

    public int seq() {
        return seq;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
