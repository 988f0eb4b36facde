package im.org.store;

import im.api.ErrorCode;
import im.api.ImException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Units of work: one {@link SqlSession} (one connection, one transaction) per call, committed when
 * the work returns, rolled back when it throws. Database failures become {@code INTERNAL}
 * {@link ImException}s with the cause logged here, so the client never sees SQL. Thread-safe.
 */
public final class Transactions {
    private static final Logger log = LoggerFactory.getLogger(Transactions.class);

    private final SqlSessionFactory sessions;

    public Transactions(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Work inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(SqlSession session) throws ImException;
    }

    /** Runs {@code work} in a read-write transaction. */
    public <T> T write(String what, Work<T> work) throws ImException {
        return run(what, work, true);
    }

    /** Runs {@code work} without committing anything. */
    public <T> T read(String what, Work<T> work) throws ImException {
        return run(what, work, false);
    }

    private <T> T run(String what, Work<T> work, boolean commit) throws ImException {
        try (SqlSession session = sessions.openSession(ExecutorType.SIMPLE, false)) {
            try {
                T result = work.run(session);
                if (commit) {
                    session.commit(true);
                }
                return result;
            } catch (ImException e) {
                session.rollback(true);
                throw e;
            } catch (RuntimeException e) {
                session.rollback(true);
                if (isDuplicateKey(e)) {
                    throw new ImException(ErrorCode.BAD_REQUEST, what + ": already exists");
                }
                log.error("Failed to {}: {}", what, e.toString(), e);
                throw new ImException(ErrorCode.INTERNAL, "internal error");
            }
        }
    }

    /** A unique key refused the write: the caller asked for something that exists already. */
    static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
