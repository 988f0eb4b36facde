package im.infra.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Statements for one physical database sent as one multi-statement packet: a whole transaction, its
 * {@code COMMIT} included, in one round trip instead of one per statement. Needs a pool that allows
 * multi-statement packets ({@link DataSources#writerPool}); every value is a bound parameter and the
 * SQL is built from constants and table indexes only. The server stops at the first failing
 * statement, so a {@link #commit} at the end runs only when everything before it succeeded. Not
 * thread-safe.
 */
public final class SqlPacket {
    /** Rows per multi-row statement. */
    private static final int CHUNK = 500;

    /** Binds one row's parameters from parameter {@code from}; returns the next one. */
    @FunctionalInterface
    public interface Binder<T> {
        int bind(PreparedStatement ps, int from, T row) throws SQLException;
    }

    private interface Bound {
        int bind(PreparedStatement ps, int from) throws SQLException;
    }

    private final StringBuilder sql = new StringBuilder();
    private final List<Bound> parts = new ArrayList<>();

    /**
     * Adds the rows of {@code all} that live in database {@code db} of {@code shards}: one multi-row
     * statement per physical table of {@code logical} (at most {@value #CHUNK} rows each), each
     * {@code verb table (columns) VALUES placeholder, ... tail}.
     *
     * @param tail appended to each statement ({@code ""} or an {@code ON DUPLICATE KEY UPDATE} clause)
     */
    public <T> SqlPacket rows(PhysicalShards shards, int db, String logical, String verb, String columns,
                              String placeholder, String tail, List<T> all, ToLongFunction<T> key, Binder<T> binder) {
        for (Map.Entry<Integer, List<T>> e : shards.byTable(db, all, key).entrySet()) {
            List<T> rows = e.getValue();
            for (int from = 0; from < rows.size(); from += CHUNK) {
                List<T> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
                add(verb + PhysicalShards.table(logical, e.getKey()) + " (" + columns + ") VALUES "
                        + (placeholder + ",").repeat(chunk.size() - 1) + placeholder + tail, (ps, p) -> {
                            for (T row : chunk) {
                                p = binder.bind(ps, p, row);
                            }
                            return p;
                        });
            }
        }
        return this;
    }

    /** Ends the packet with the transaction's {@code COMMIT}. */
    public SqlPacket commit() {
        add("COMMIT", (ps, from) -> from);
        return this;
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /** Sends the packet on {@code c} (in its transaction) and reads every answer. */
    public void execute(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (Bound part : parts) {
                p = part.bind(ps, p);
            }
            ps.execute();
        }
    }

    /**
     * Runs the packet with its {@code COMMIT} as one transaction on a connection of physical database
     * {@code db}, rolled back when it fails.
     */
    public void commitOn(PhysicalShards shards, int db) throws SQLException {
        commit();
        try (Connection c = PhysicalShards.begin(shards.database(db).getConnection())) {
            try {
                execute(c);
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    private void add(String statement, Bound bound) {
        if (!sql.isEmpty()) {
            sql.append(";\n");
        }
        sql.append(statement);
        parts.add(bound);
    }
}
