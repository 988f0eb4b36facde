package im.client.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * TCP stream to {@link Frame}s, however the bytes are split or coalesced. Per channel (it keeps the
 * partial frame), so not sharable. A corrupt header raises an exception and the pipeline closes.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxBodyLength;

    public FrameDecoder(int maxBodyLength) {
        if (maxBodyLength <= 0) {
            throw new IllegalArgumentException("maxBodyLength must be positive: " + maxBodyLength);
        }
        this.maxBodyLength = maxBodyLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        Frame frame;
        while ((frame = FrameCodec.decode(in, maxBodyLength)) != null) {
            out.add(frame);
        }
    }
}
