package im.access.transport.websocket;

import im.access.transport.codec.Frame;
import im.access.transport.codec.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.util.List;

/** WebSocket stage: one {@link Frame} becomes one binary message. Stateless and {@code @Sharable}. */
@Sharable
public final class WebSocketFrameEncoder extends MessageToMessageEncoder<Frame> {
    private final Runnable onFrame;

    public WebSocketFrameEncoder(Runnable onFrame) {
        super(Frame.class);
        this.onFrame = onFrame;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame msg, List<Object> out) {
        ByteBuf buf = ctx.alloc().ioBuffer(FrameCodec.HEADER_LENGTH + msg.body().length);
        FrameCodec.encode(msg, buf);
        onFrame.run();
        out.add(new BinaryWebSocketFrame(buf));
    }
}
