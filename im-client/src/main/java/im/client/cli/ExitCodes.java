package im.client.cli;

import im.api.ErrorCode;
import im.client.ImClientException;

/** The exit status of {@code im-cli}, for scripts; README.md lists them. */
final class ExitCodes {
    /** Done. */
    static final int OK = 0;
    /** The server refused the request (the message names the protocol's code). */
    static final int REFUSED = 1;
    /** Bad command line or input: nothing was sent. */
    static final int USAGE = 2;
    /** Login refused: wrong password, unknown account or tenant, locked, disabled, kicked out. */
    static final int AUTH = 3;
    /** The server did not answer: unreachable, overloaded (1503) or a timeout. */
    static final int UNAVAILABLE = 4;

    private ExitCodes() {
    }

    static int of(ImClientException e) {
        int code = e.code();
        if (code == ErrorCode.UNAUTHENTICATED.code()) {
            return AUTH;
        }
        if (code == ErrorCode.BUSY.code()) {
            return UNAVAILABLE;
        }
        if (code == ErrorCode.BAD_REQUEST.code()) {
            return USAGE;
        }
        return REFUSED;
    }
}
