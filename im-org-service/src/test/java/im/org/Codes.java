package im.org;

import im.api.ErrorCode;
import im.api.ImException;

/** The error code a call fails with, or OK; keeps the matrix tests one line per cell. */
final class Codes {
    private Codes() {
    }

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    static ErrorCode codeOf(Call call) throws Exception {
        try {
            call.run();
            return ErrorCode.OK;
        } catch (ImException e) {
            return e.code();
        }
    }
}
