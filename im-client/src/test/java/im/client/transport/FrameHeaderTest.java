package im.client.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.protocol.Command;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FrameHeaderTest {

    @Test
    void header_shouldRoundTripAsTwentyBigEndianBytes() {
        ByteBuffer buf = ByteBuffer.allocate(FrameHeader.LENGTH);
        new FrameHeader(Command.SEND_REQ.number(), 77, 123).writeTo(buf);

        assertThat(buf.array()).startsWith(0, 0, 0, 20, 0, 0, 0, 1, 0, 0, 0, 10, 0, 0, 0, 77, 0, 0, 0, 123);
        buf.flip();
        assertThat(FrameHeader.readFrom(buf, 65536)).isEqualTo(new FrameHeader(10, 77, 123));
    }

    @Test
    void readFrom_shouldRefuse_whenHeadLengthIsNot20() {
        ByteBuffer buf = ByteBuffer.allocate(FrameHeader.LENGTH).putInt(21).putInt(1).putInt(1).putInt(1).putInt(0);
        buf.flip();
        assertThatThrownBy(() -> FrameHeader.readFrom(buf, 65536)).hasMessageContaining("headLength");
    }

    @Test
    void readFrom_shouldRefuse_whenBodyLengthIsNegativeOrTooLarge() {
        for (int length : new int[] {-1, 65537}) {
            ByteBuffer buf = ByteBuffer.allocate(FrameHeader.LENGTH).putInt(20).putInt(1).putInt(3).putInt(1)
                    .putInt(length);
            buf.flip();
            assertThatThrownBy(() -> FrameHeader.readFrom(buf, 65536)).hasMessageContaining("bodyLength");
        }
    }
}
