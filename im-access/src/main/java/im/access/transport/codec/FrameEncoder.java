package im.access.transport.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * TCP stage: writes {@link Frame}s as header plus body. Stateless, so one instance serves every
 * TCP channel.
 */
@Sharable
public final class FrameEncoder extends MessageToByteEncoder<Frame> {
    private final Runnable onFrame;

    /** @param onFrame called once per encoded frame (the frames-out metric) */
    public FrameEncoder(Runnable onFrame) {
        super(Frame.class);
        this.onFrame = onFrame;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Frame msg, boolean preferDirect) {
        int size = FrameCodec.HEADER_LENGTH + msg.body().length;
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame msg, ByteBuf out) {
        FrameCodec.encode(msg, out);
        onFrame.run();
    }
}
