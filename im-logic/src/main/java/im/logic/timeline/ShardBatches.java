package im.logic.timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Splits rows into statement batches of one physical table each ({@code key % tables}, the MOD rule of
 * {@code im.infra.db.ShardingDataSourceFactory}), at most {@code chunk} rows per batch. A single-table
 * multi-row INSERT is routed to one unit, which keeps ShardingSphere's rewrite linear in the rows.
 */
public final class ShardBatches {
    private ShardBatches() {
    }

    public static <T> List<List<T>> of(List<T> rows, ToLongFunction<T> key, int tables, int chunk) {
        Map<Integer, List<T>> byTable = new LinkedHashMap<>();
        for (T row : rows) {
            byTable.computeIfAbsent((int) Math.floorMod(key.applyAsLong(row), (long) tables),
                    t -> new ArrayList<>()).add(row);
        }
        List<List<T>> batches = new ArrayList<>();
        for (List<T> table : byTable.values()) {
            for (int from = 0; from < table.size(); from += chunk) {
                batches.add(table.subList(from, Math.min(table.size(), from + chunk)));
            }
        }
        return batches;
    }
}
