package im.redpacket.tx;

import im.api.ErrorCode;
import im.api.ImException;
import io.seata.core.exception.TransactionException;
import io.seata.core.model.GlobalStatus;
import io.seata.core.model.GlobalLockConfig;
import io.seata.rm.GlobalLockExecutor;
import io.seata.rm.GlobalLockTemplate;
import io.seata.tm.api.GlobalTransaction;
import io.seata.tm.api.GlobalTransactionContext;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work in a Seata global transaction or in a local transaction under the global lock. Stateless
 * and thread-safe; Seata binds the transaction to the calling thread.
 */
public final class Transactions {
    private static final Logger log = LoggerFactory.getLogger(Transactions.class);
    private static final GlobalLockTemplate LOCK_TEMPLATE = new GlobalLockTemplate();

    /** Work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws ImException, SQLException;
    }

    /** Work on one connection in a local transaction. */
    @FunctionalInterface
    public interface LocalWork<T> {
        T run(Connection c) throws ImException, SQLException;
    }

    /** How a global transaction ended. */
    public enum Outcome { COMMITTED, ROLLED_BACK, UNKNOWN }

    private final int timeoutMillis;

    public Transactions(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * One global transaction: {@code work} (its local transactions become branches), then commit; any
     * exception of {@code work} rolls back and is rethrown.
     *
     * <p>Seata's {@code commit()} does not throw when the server refuses the commit: a transaction that
     * outlived its timeout is being rolled back, and {@code commit()} only returns with that status. So the
     * status it returned decides, not the absence of an exception.
     *
     * @param outcome receives how it ended; {@link Outcome#UNKNOWN} when the commit's answer was lost or
     *                says nothing definite (the Seata server decides, and a check-back reads the result
     *                from the databases)
     * @throws ImException {@code BUSY} when Seata could not begin, or did not commit
     */
    public <T> T global(String name, Work<T> work, Outcome[] outcome) throws ImException {
        GlobalTransaction tx = GlobalTransactionContext.getCurrentOrCreate();
        outcome[0] = Outcome.ROLLED_BACK;
        try {
            tx.begin(timeoutMillis, name);
        } catch (TransactionException e) {
            throw new ImException(ErrorCode.BUSY, "cannot begin a global transaction: " + e.getMessage(), e);
        }
        T result;
        try {
            result = work.run();
        } catch (ImException | SQLException | RuntimeException e) {
            rollback(tx, name);
            if (e instanceof ImException ie) {
                throw ie;
            }
            throw new ImException(ErrorCode.BUSY, name + " failed: " + e, e);
        }
        try {
            tx.commit();
        } catch (TransactionException e) {
            outcome[0] = Outcome.UNKNOWN;
            throw new ImException(ErrorCode.BUSY, name + ": commit not confirmed: " + e.getMessage(), e);
        }
        GlobalStatus status = tx.getLocalStatus();
        outcome[0] = outcomeOf(status);
        if (outcome[0] != Outcome.COMMITTED) {
            log.warn("Global transaction not committed: {name={}, xid={}, status={}}", name, tx.getXid(), status);
            throw new ImException(ErrorCode.BUSY, name + ": not committed, Seata answered " + status);
        }
        return result;
    }

    /**
     * What a commit's answer means. {@code Finished} is not a commit: the server answers it for a
     * transaction it no longer knows, which a timeout rollback may have ended as well as a commit whose
     * first answer was lost.
     */
    static Outcome outcomeOf(GlobalStatus status) {
        if (status == null) {
            return Outcome.UNKNOWN;
        }
        return switch (status) {
            case Committed, AsyncCommitting, Committing, CommitRetrying -> Outcome.COMMITTED;
            case Rollbacked, Rollbacking, RollbackRetrying, TimeoutRollbacked, TimeoutRollbacking,
                    TimeoutRollbackRetrying -> Outcome.ROLLED_BACK;
            default -> Outcome.UNKNOWN;
        };
    }

    /**
     * Waits 50 ms times {@code tries} before sending a refused half message again (a busy broker's
     * flow control lasts a few hundred milliseconds); false when interrupted.
     */
    public static boolean pauseBeforeRetry(int tries) {
        try {
            Thread.sleep(50L * tries);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void rollback(GlobalTransaction tx, String name) {
        try {
            tx.rollback();
        } catch (TransactionException e) {
            // the server rolls it back when it times out; the undo logs make that safe
            log.warn("Failed to roll back global transaction: {name={}, xid={}}: {}", name, tx.getXid(), e.toString());
        }
    }

    /** A local transaction on {@code db}: commit when {@code work} returns, roll back when it throws. */
    public static <T> T local(DataSource db, LocalWork<T> work) throws ImException, SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (ImException | SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * A local transaction on a Seata-proxied {@code db} that commits only when no global transaction
     * holds a lock on the rows it wrote (and whose {@code SELECT ... FOR UPDATE} waits for them).
     *
     * @throws ImException {@code BUSY} when the rows stayed locked (a global transaction in flight)
     */
    public static <T> T underGlobalLock(DataSource db, LocalWork<T> work) throws ImException, SQLException {
        try {
            @SuppressWarnings("unchecked")
            T result = (T) LOCK_TEMPLATE.execute(new GlobalLockExecutor() {
                @Override
                public Object execute() throws Throwable {
                    return local(db, work);
                }

                @Override
                public GlobalLockConfig getGlobalLockConfig() {
                    GlobalLockConfig config = new GlobalLockConfig();
                    config.setLockRetryInterval(10);
                    config.setLockRetryTimes(300);
                    return config;
                }
            });
            return result;
        } catch (ImException | SQLException | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            if (e instanceof Error err) {
                throw err;
            }
            throw new ImException(ErrorCode.BUSY, "global lock not acquired: " + e, e);
        }
    }
}
