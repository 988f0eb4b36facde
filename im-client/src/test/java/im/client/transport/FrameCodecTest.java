package im.client.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    @Test
    void frames_shouldDecodeTheSame_howeverTheBytesAreSplitOrCoalesced() {
        Random random = new Random(20261123L);
        for (int run = 0; run < 200; run++) {
            List<Frame> sent = new ArrayList<>();
            ByteBuf wire = Unpooled.buffer();
            int count = 1 + random.nextInt(20);
            for (int i = 0; i < count; i++) {
                byte[] body = new byte[random.nextInt(3) == 0 ? 0 : random.nextInt(3000)];
                random.nextBytes(body);
                Frame f = new Frame(1 + random.nextInt(99), random.nextInt(), body);
                sent.add(f);
                FrameCodec.write(f, wire);
            }
            EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(65536));
            while (wire.isReadable()) {
                int n = Math.min(wire.readableBytes(), 1 + random.nextInt(random.nextBoolean() ? 7 : 5000));
                ch.writeInbound(wire.readRetainedSlice(n));
            }
            wire.release();
            List<Frame> received = new ArrayList<>();
            Frame f;
            while ((f = ch.readInbound()) != null) {
                received.add(f);
            }
            assertThat(received).as("run %d", run).containsExactlyElementsOf(sent);
            assertThat(ch.finish()).isFalse();
        }
    }

    @Test
    void decoder_shouldRefuse_badHeadLength_negativeAndOversizedBodies() {
        for (int[] header : new int[][] {{21, 1, 3, 1, 0}, {20, 1, 3, 1, -1}, {20, 1, 3, 1, 65537}}) {
            ByteBuf buf = Unpooled.buffer();
            for (int v : header) {
                buf.writeInt(v);
            }
            EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(65536));
            assertThatThrownBy(() -> ch.writeInbound(buf)).isInstanceOf(DecoderException.class);
        }
    }

    @Test
    void decode_shouldWait_forAWholeFrame() {
        ByteBuf buf = Unpooled.buffer();
        FrameCodec.write(new Frame(10, 7, new byte[] {1, 2, 3}), buf);
        ByteBuf partial = buf.retainedSlice(0, 22);
        assertThat(FrameCodec.decode(partial, 65536)).isNull();
        assertThat(partial.readerIndex()).isZero();
        assertThat(FrameCodec.decode(buf, 65536)).isEqualTo(new Frame(10, 7, new byte[] {1, 2, 3}));
        partial.release();
        buf.release();
    }
}
