package im.logic.message;

import java.sql.SQLException;

/** Recognises MySQL's duplicate-key error through ShardingSphere's wrapping. */
public final class DuplicateKeys {
    private DuplicateKeys() {
    }

    /** True when {@code e} or one of its causes is an integrity-constraint violation (SQLState 23xxx). */
    public static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
