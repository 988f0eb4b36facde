package im.client.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * WebSocket binary frames to {@link Frame}s and back: one binary WebSocket frame carries exactly one
 * protocol frame (PROTOCOL.md section 1). Per channel because it holds the size limit only; cheap.
 */
public final class WebSocketFrameAdapter extends ChannelDuplexHandler {
    private final int maxBodyLength;

    public WebSocketFrameAdapter(int maxBodyLength) {
        this.maxBodyLength = maxBodyLength;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BinaryWebSocketFrame ws) {
            try {
                ByteBuf content = ws.content();
                Frame frame = FrameCodec.decode(content, maxBodyLength);
                if (frame == null || content.isReadable()) {
                    throw new CorruptedFrameException("a WebSocket message must hold exactly one frame");
                }
                ctx.fireChannelRead(frame);
            } finally {
                ws.release();
            }
        } else if (msg instanceof WebSocketFrame other) {
            other.release(); // pings are answered by Netty's handler; text frames are not part of the protocol
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Frame frame) {
            ctx.write(new BinaryWebSocketFrame(FrameCodec.encode(ctx.alloc(), frame)), promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
