package im.access.transport.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.protocol.Command;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private static final int MAX = 1024;

    @Test
    void tryDecode_shouldWait_whenHeaderIsTruncated() {
        ByteBuf in = header(20, 3, 7, 0).slice(0, 19);

        assertThat(FrameCodec.tryDecode(in, MAX)).isNull();
        assertThat(in.readerIndex()).isZero();
    }

    @Test
    void tryDecode_shouldWait_whenBodyIsIncomplete() {
        ByteBuf in = header(20, 1, 7, 10).writeBytes(new byte[9]);

        assertThat(FrameCodec.tryDecode(in, MAX)).isNull();
    }

    @Test
    void tryDecode_shouldRefuseWithBadRequest_whenHeadLengthIsNot20_echoingSeq() {
        assertThatThrownBy(() -> FrameCodec.tryDecode(header(16, 3, 77, 0), MAX))
                .isInstanceOfSatisfying(FrameException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.seq()).isEqualTo(77);
                });
    }

    @Test
    void tryDecode_shouldRefuseAtOnce_whenOnlyABadHeadLengthArrived() {
        ByteBuf in = Unpooled.buffer().writeInt(0x47455420); // "GET " from a confused HTTP client

        assertThatThrownBy(() -> FrameCodec.tryDecode(in, MAX))
                .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.seq()).isZero());
    }

    @Test
    void tryDecode_shouldRefuseWithBadRequest_whenBodyLengthIsNegative() {
        assertThatThrownBy(() -> FrameCodec.tryDecode(header(20, 3, 5, -1), MAX))
                .isInstanceOfSatisfying(FrameException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.seq()).isEqualTo(5);
                });
    }

    @Test
    void tryDecode_shouldRefuseWithTooLarge_whenBodyLengthExceedsTheLimit_beforeTheBodyArrives() {
        assertThatThrownBy(() -> FrameCodec.tryDecode(header(20, 10, 6, MAX + 1), MAX))
                .isInstanceOfSatisfying(FrameException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
                    assertThat(e.seq()).isEqualTo(6);
                });
    }

    @Test
    void tryDecode_shouldAcceptABodyOfExactlyTheLimit() {
        ByteBuf in = header(20, 10, 6, MAX).writeBytes(new byte[MAX]);

        assertThat(FrameCodec.tryDecode(in, MAX).body()).hasSize(MAX);
    }

    @Test
    void tryDecode_shouldRefuseWithBadRequest_whenCmdIsUnknown() {
        assertThatThrownBy(() -> FrameCodec.tryDecode(header(20, 42, 9, 0), MAX))
                .isInstanceOfSatisfying(FrameException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.getMessage()).contains("unknown cmd: 42");
                });
    }

    @Test
    void decoder_shouldDiscardEverything_afterTheFirstBadFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX, () -> { }));
        ByteBuf good = Unpooled.buffer();
        FrameCodec.encode(Frame.empty(Command.HEARTBEAT_REQ, 1), good);

        assertThatThrownBy(() -> channel.writeInbound(header(20, 1000, 2, 0))).isInstanceOf(FrameException.class);
        channel.writeInbound(good);

        assertThat(channel.<Object>readInbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void encode_shouldWriteTheHeaderOfPROTOCOLmd() {
        ByteBuf out = Unpooled.buffer();
        FrameCodec.encode(new Frame(Command.LOGIN_RESP, 9, new byte[] {1, 2, 3}), out);

        assertThat(out.readInt()).isEqualTo(20);
        assertThat(out.readInt()).isEqualTo(1);
        assertThat(out.readInt()).isEqualTo(2);
        assertThat(out.readInt()).isEqualTo(9);
        assertThat(out.readInt()).isEqualTo(3);
        assertThat(out.readableBytes()).isEqualTo(3);
    }

    private static ByteBuf header(int headLength, int cmd, int seq, int bodyLength) {
        return Unpooled.buffer().writeInt(headLength).writeInt(1).writeInt(cmd).writeInt(seq).writeInt(bodyLength);
    }
}
