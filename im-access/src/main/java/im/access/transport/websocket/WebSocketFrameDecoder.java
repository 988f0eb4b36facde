package im.access.transport.websocket;

import im.access.transport.codec.Frame;
import im.access.transport.codec.FrameCodec;
import im.access.transport.codec.FrameException;
import im.api.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * WebSocket stage after the handshake and the fragment aggregator: one binary message must hold
 * exactly one complete protocol frame, checked by the same {@link FrameCodec} as TCP. Text
 * messages, truncated frames and trailing bytes are {@link FrameException}s (1000). Ping, pong and
 * close never get here ({@code WebSocketServerProtocolHandler} answers them). Stateless and
 * {@code @Sharable}: every message stands alone.
 */
@Sharable
public final class WebSocketFrameDecoder extends MessageToMessageDecoder<WebSocketFrame> {
    private final int maxBodyBytes;
    private final Runnable onFrame;

    public WebSocketFrameDecoder(int maxBodyBytes, Runnable onFrame) {
        super(WebSocketFrame.class);
        this.maxBodyBytes = maxBodyBytes;
        this.onFrame = onFrame;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame msg, List<Object> out) {
        if (!(msg instanceof BinaryWebSocketFrame)) {
            throw new FrameException(ErrorCode.BAD_REQUEST, 0, "only binary WebSocket messages carry frames");
        }
        ByteBuf content = msg.content();
        Frame frame = FrameCodec.tryDecode(content, maxBodyBytes);
        if (frame == null) {
            throw new FrameException(ErrorCode.BAD_REQUEST, 0,
                    "truncated frame: a WebSocket message must hold one whole frame");
        }
        if (content.isReadable()) {
            throw new FrameException(ErrorCode.BAD_REQUEST, frame.seq(),
                    "trailing bytes: a WebSocket message must hold exactly one frame");
        }
        onFrame.run();
        out.add(frame);
    }
}
