package im.access.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.access.transport.codec.Frame;
import im.access.transport.codec.FrameCodec;
import im.access.transport.codec.FrameException;
import im.api.ErrorCode;
import im.api.protocol.Command;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

class WebSocketFrameDecoderTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new WebSocketFrameDecoder(FrameCodec.DEFAULT_MAX_BODY_BYTES, () -> { }),
            new WebSocketFrameEncoder(() -> { }));

    @Test
    void binaryMessage_withOneFrame_shouldDecodeToThatFrame() {
        channel.writeInbound(new BinaryWebSocketFrame(encode(new Frame(Command.SEND_REQ, 5, new byte[] {1, 2}))));

        Frame f = channel.readInbound();
        assertThat(f.cmd()).isEqualTo(Command.SEND_REQ);
        assertThat(f.seq()).isEqualTo(5);
        assertThat(f.body()).containsExactly(1, 2);
    }

    @Test
    void binaryMessage_withTwoFrames_shouldBeRefused_echoingTheFirstSeq() {
        ByteBuf two = encode(Frame.empty(Command.HEARTBEAT_REQ, 8));
        two.writeBytes(encode(Frame.empty(Command.HEARTBEAT_REQ, 9)));

        assertThatThrownBy(() -> channel.writeInbound(new BinaryWebSocketFrame(two)))
                .isInstanceOfSatisfying(FrameException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.seq()).isEqualTo(8);
                });
    }

    @Test
    void binaryMessage_withATruncatedFrame_shouldBeRefused() {
        ByteBuf truncated = encode(new Frame(Command.SEND_REQ, 5, new byte[10])).writerIndex(25);

        assertThatThrownBy(() -> channel.writeInbound(new BinaryWebSocketFrame(truncated)))
                .isInstanceOf(FrameException.class).hasMessageContaining("truncated");
    }

    @Test
    void textMessage_shouldBeRefused() {
        assertThatThrownBy(() -> channel.writeInbound(new TextWebSocketFrame("hello")))
                .isInstanceOf(FrameException.class).hasMessageContaining("binary");
    }

    @Test
    void outboundFrame_shouldBecomeOneBinaryMessage() {
        channel.writeOutbound(Frame.empty(Command.HEARTBEAT_RESP, 3));

        BinaryWebSocketFrame message = channel.readOutbound();
        Frame back = FrameCodec.tryDecode(message.content(), 0);
        assertThat(back.cmd()).isEqualTo(Command.HEARTBEAT_RESP);
        assertThat(back.seq()).isEqualTo(3);
        assertThat(message.content().isReadable()).isFalse();
        message.release();
    }

    private static ByteBuf encode(Frame f) {
        ByteBuf b = Unpooled.buffer();
        FrameCodec.encode(f, b);
        return b;
    }
}
