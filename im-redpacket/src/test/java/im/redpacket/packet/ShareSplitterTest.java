package im.redpacket.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.redpacket.RedPacketKind;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShareSplitterTest {

    @Test
    void randomSplit_shouldSumToTheTotal_withEveryShareAtLeastOneCent_forManyPackets() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            int count = 1 + r.nextInt(200);
            long total = count + r.nextLong(2_000_000);
            long[] shares = ShareSplitter.split(r.nextLong(), RedPacketKind.RANDOM, total, count);

            assertThat(shares).hasSize(count);
            assertThat(Arrays.stream(shares).sum()).isEqualTo(total);
            assertThat(Arrays.stream(shares).min().getAsLong()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void split_shouldBeTheSame_forTheSamePacket() {
        assertThat(ShareSplitter.split(77L, RedPacketKind.RANDOM, 10_000, 37))
                .containsExactly(ShareSplitter.split(77L, RedPacketKind.RANDOM, 10_000, 37));
    }

    @Test
    void split_shouldGiveOneCentEach_whenTheTotalIsTheCount() {
        assertThat(ShareSplitter.split(5L, RedPacketKind.RANDOM, 200, 200)).containsOnly(1L);
    }

    @Test
    void fixedSplit_shouldBeEqual_andRefuseARemainder() {
        assertThat(ShareSplitter.split(5L, RedPacketKind.FIXED, 300, 3)).containsExactly(100L, 100L, 100L);
        assertThatThrownBy(() -> ShareSplitter.split(5L, RedPacketKind.FIXED, 301, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShareSplitter.split(5L, RedPacketKind.RANDOM, 2, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
