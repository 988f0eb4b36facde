package im.access.transport.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * TCP stage: turns the byte stream into {@link Frame}s however the reads split or coalesce them.
 * Per channel (it buffers a partial frame; {@link ByteToMessageDecoder} refuses to be shared).
 * After a bad frame it throws one {@link FrameException} and then discards everything, so the
 * handler's answer and close are the last things that happen on the connection.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxBodyBytes;
    private final Runnable onFrame;
    private boolean failed;

    /**
     * @param maxBodyBytes the body limit ({@code gateway.max-body-bytes})
     * @param onFrame      called once per decoded frame (the frames-in metric)
     */
    public FrameDecoder(int maxBodyBytes, Runnable onFrame) {
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: >= 0)");
        }
        this.maxBodyBytes = maxBodyBytes;
        this.onFrame = onFrame;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        Frame frame;
        try {
            frame = FrameCodec.tryDecode(in, maxBodyBytes);
        } catch (FrameException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
        if (frame != null) {
            onFrame.run();
            out.add(frame);
        }
    }
}
