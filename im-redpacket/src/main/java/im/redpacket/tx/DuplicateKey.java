package im.redpacket.tx;

import java.sql.SQLException;

/** Recognises MySQL's duplicate-key error (1062) through Seata's and the driver's wrapping. */
public final class DuplicateKey {
    private static final int ER_DUP_ENTRY = 1062;

    private DuplicateKey() {
    }

    /** True when {@code e} or a cause is a duplicate key; {@code key} non-null narrows it to that index. */
    public static boolean is(Throwable e, String key) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == ER_DUP_ENTRY
                    && (key == null || String.valueOf(s.getMessage()).contains(key))) {
                return true;
            }
        }
        return false;
    }
}
