package im.receipt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RecipientCodecTest {

    @Test
    void decode_shouldGiveTheIds_forTenThousandMembersInAboutTwoBytesEach() {
        long[] ids = LongStream.range(0, 10_000).map(i -> (1L << 40) + i * 3).toArray();

        byte[] bytes = RecipientCodec.encode(ids);

        assertThat(RecipientCodec.decode(bytes)).isEqualTo(ids);
        assertThat(bytes.length).isLessThan(10_000 + 16);
    }

    @Test
    void decode_shouldGiveTheIds_whenIdsSpanTheWholeLongRange() {
        long[] ids = {1, 2, 1L << 35, Long.MAX_VALUE - 1, Long.MAX_VALUE};

        assertThat(RecipientCodec.decode(RecipientCodec.encode(ids))).isEqualTo(ids);
        assertThat(RecipientCodec.decode(RecipientCodec.encode(new long[0]))).isEmpty();
    }

    @Test
    void encode_shouldRefuse_whenIdsAreNotAscending() {
        assertThatThrownBy(() -> RecipientCodec.encode(new long[] {5, 5})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecipientCodec.encode(new long[] {0})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decode_shouldRefuse_whenTruncatedOrTrailing() {
        byte[] bytes = RecipientCodec.encode(new long[] {1000, 100_000});

        assertThatThrownBy(() -> RecipientCodec.decode(Arrays.copyOf(bytes, bytes.length - 1)))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> RecipientCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
                .hasMessageContaining("trailing");
    }

    @Test
    void sortedDistinct_shouldSortAndDropRepeats() {
        assertThat(RecipientCodec.sortedDistinct(List.of(9L, 3L, 9L, 4L))).containsExactly(3, 4, 9);
    }
}
