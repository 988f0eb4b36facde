package im.receipt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadBitmapTest {

    @Test
    void set_shouldChangeNothing_whenTheBitIsAlreadySet() {
        ReadBitmap bits = ReadBitmap.empty(10_000);

        assertThat(bits.set(9_999)).isTrue();
        assertThat(bits.set(9_999)).isFalse();
        assertThat(bits.set(0)).isTrue();

        assertThat(bits.count()).isEqualTo(2);
        assertThat(bits.isSet(9_999)).isTrue();
        assertThat(bits.isSet(1)).isFalse();
    }

    @Test
    void of_shouldRestoreBitsAndCount_fromBytes() {
        ReadBitmap bits = ReadBitmap.empty(13);
        bits.set(3);
        bits.set(12);

        ReadBitmap copy = ReadBitmap.of(bits.toBytes(), 13);

        assertThat(copy.count()).isEqualTo(2);
        assertThat(copy.isSet(12)).isTrue();
        assertThat(bits.toBytes()).hasSize(2);
    }

    @Test
    void shouldRefuse_positionsOutsideTheRecipientsAndBytesOfAnotherSize() {
        ReadBitmap bits = ReadBitmap.empty(9);

        assertThatThrownBy(() -> bits.set(9)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ReadBitmap.of(new byte[1], 9)).isInstanceOf(IllegalArgumentException.class);
    }
}
