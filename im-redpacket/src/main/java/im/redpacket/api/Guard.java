package im.redpacket.api;

import im.api.ErrorCode;
import im.api.ImException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mapping of failures for every provider method: {@link ImException} passes, a database failure is
 * {@code BUSY} (nothing was decided; retry), anything else is logged and {@code INTERNAL}.
 */
final class Guard {
    private static final Logger log = LoggerFactory.getLogger(Guard.class);

    private Guard() {
    }

    interface Call<T> {
        T run() throws ImException, SQLException;
    }

    static <T> T call(String operation, Call<T> call) throws ImException {
        try {
            return call.run();
        } catch (ImException e) {
            if (e.code() == ErrorCode.BUSY) {
                log.warn("Failed to {}: {}", operation, e.getMessage());
            }
            throw e;
        } catch (SQLException e) {
            log.warn("Failed to {}: {}", operation, e.toString());
            throw new ImException(ErrorCode.BUSY, operation + ": database unavailable, retry");
        } catch (RuntimeException e) {
            log.error("Failed to {}: {}", operation, e.toString(), e);
            throw new ImException(ErrorCode.INTERNAL, operation + " failed");
        }
    }

    static void check(boolean ok, String message) throws ImException {
        if (!ok) {
            throw ImException.stackless(ErrorCode.BAD_REQUEST, message);
        }
    }
}
