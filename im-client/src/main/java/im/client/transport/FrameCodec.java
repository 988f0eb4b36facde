package im.client.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Reads and writes {@link Frame}s in the 20-byte-header format, shared by the TCP decoder and the
 * WebSocket adapter. Stateless.
 */
public final class FrameCodec {
    /** {@code headLength}: the header is always 20 bytes. */
    public static final int HEADER_LENGTH = 20;
    /** {@code clientVersion} this SDK speaks. */
    public static final int VERSION = 1;
    /** The default maximum body (PROTOCOL.md: 64 KiB). */
    public static final int DEFAULT_MAX_BODY = 65536;

    private FrameCodec() {
    }

    /**
     * Decodes one frame if {@code in} holds a whole one, else returns {@code null} and leaves the
     * reader index where it was.
     *
     * @throws CorruptedFrameException when {@code headLength != 20} or the body length is negative
     * @throws TooLongFrameException   when the body is longer than {@code maxBodyLength}
     */
    public static Frame decode(ByteBuf in, int maxBodyLength) {
        if (in.readableBytes() < HEADER_LENGTH) {
            return null;
        }
        int start = in.readerIndex();
        int headLength = in.getInt(start);
        if (headLength != HEADER_LENGTH) {
            throw new CorruptedFrameException("headLength must be 20, was " + headLength);
        }
        int bodyLength = in.getInt(start + 16);
        if (bodyLength < 0) {
            throw new CorruptedFrameException("negative bodyLength: " + bodyLength);
        }
        if (bodyLength > maxBodyLength) {
            throw new TooLongFrameException("bodyLength " + bodyLength + " above " + maxBodyLength);
        }
        if (in.readableBytes() < HEADER_LENGTH + bodyLength) {
            return null;
        }
        int cmd = in.getInt(start + 8);
        int seq = in.getInt(start + 12);
        byte[] body = new byte[bodyLength];
        in.getBytes(start + HEADER_LENGTH, body);
        in.skipBytes(HEADER_LENGTH + bodyLength);
        return new Frame(cmd, seq, body);
    }

    public static ByteBuf encode(ByteBufAllocator alloc, Frame frame) {
        ByteBuf out = alloc.buffer(HEADER_LENGTH + frame.body().length);
        write(frame, out);
        return out;
    }

    /** Appends the header and body of {@code frame} to {@code out}. */
    public static void write(Frame frame, ByteBuf out) {
        out.writeInt(HEADER_LENGTH).writeInt(VERSION).writeInt(frame.cmd()).writeInt(frame.seq())
                .writeInt(frame.body().length).writeBytes(frame.body());
    }
}
