package im.logic.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ShardBatchesTest {

    @Test
    void of_shouldPutEachRowOnceIntoBatchesOfOneTable_noLargerThanTheChunk() {
        List<Long> keys = LongStream.range(1_000, 3_500).boxed().toList();

        List<List<Long>> batches = ShardBatches.of(keys, k -> k, 16, 100);

        assertThat(batches).allSatisfy(b -> {
            assertThat(b).hasSizeLessThanOrEqualTo(100);
            assertThat(b.stream().map(k -> k % 16).distinct()).hasSize(1);
        });
        assertThat(batches.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void of_shouldKeepTheRowsOrder_withinOneTable() {
        List<Long> keys = List.of(3L, 1L, 19L, 35L, 17L);

        List<List<Long>> batches = ShardBatches.of(keys, k -> k, 16, 2);

        assertThat(batches).containsExactly(List.of(3L, 19L), List.of(35L), List.of(1L, 17L));
    }
}
