package im.access.transport.codec;

import im.api.ErrorCode;
import im.api.protocol.Command;
import io.netty.buffer.ByteBuf;

/**
 * Reads and writes the frame of PROTOCOL.md section 1: five big-endian int32 ({@code headLength}
 * = 20, {@code clientVersion}, {@code cmd}, {@code seq}, {@code bodyLength}) and the body. Both
 * transports use it, so TCP and WebSocket refuse the same frames with the same codes.
 * Stateless and thread-safe.
 */
public final class FrameCodec {
    public static final int HEADER_LENGTH = 20;
    public static final int PROTOCOL_VERSION = 1;
    /** PROTOCOL.md's default body limit: a legal SendReq (8192 chars of text, 32 KiB payload) fits. */
    public static final int DEFAULT_MAX_BODY_BYTES = 65_536;

    private FrameCodec() {
    }

    /**
     * Takes one frame off {@code in} if it holds a complete one. Validates the header as soon as
     * the bytes of each field are there, so garbage is refused without waiting for more input.
     *
     * @return the frame, or {@code null} (nothing consumed) when more bytes are needed
     * @throws FrameException for {@code headLength != 20} (1000), a negative {@code bodyLength}
     *                        (1000), a {@code bodyLength} over {@code maxBodyBytes} (1009) or an
     *                        unknown {@code cmd} (1000); nothing is consumed then either
     */
    public static Frame tryDecode(ByteBuf in, int maxBodyBytes) {
        int readable = in.readableBytes();
        if (readable < 4) {
            return null;
        }
        int start = in.readerIndex();
        int headLength = in.getInt(start);
        if (headLength != HEADER_LENGTH) {
            int seq = readable >= 16 ? in.getInt(start + 12) : 0;
            throw new FrameException(ErrorCode.BAD_REQUEST, seq, "headLength must be 20, was " + headLength);
        }
        if (readable < HEADER_LENGTH) {
            return null;
        }
        int cmdNumber = in.getInt(start + 8);
        int seq = in.getInt(start + 12);
        int bodyLength = in.getInt(start + 16);
        if (bodyLength < 0) {
            throw new FrameException(ErrorCode.BAD_REQUEST, seq, "negative bodyLength: " + bodyLength);
        }
        if (bodyLength > maxBodyBytes) {
            throw new FrameException(ErrorCode.TOO_LARGE, seq,
                    "bodyLength " + bodyLength + " over the limit of " + maxBodyBytes);
        }
        Command cmd = Command.of(cmdNumber);
        if (cmd == null) {
            throw new FrameException(ErrorCode.BAD_REQUEST, seq, "unknown cmd: " + cmdNumber);
        }
        if (readable < HEADER_LENGTH + bodyLength) {
            return null;
        }
        byte[] body = new byte[bodyLength];
        in.getBytes(start + HEADER_LENGTH, body);
        in.readerIndex(start + HEADER_LENGTH + bodyLength);
        return new Frame(cmd, seq, body);
    }

    /** Appends {@code frame} to {@code out}. */
    public static void encode(Frame frame, ByteBuf out) {
        out.ensureWritable(HEADER_LENGTH + frame.body().length);
        out.writeInt(HEADER_LENGTH);
        out.writeInt(PROTOCOL_VERSION);
        out.writeInt(frame.cmd().number());
        out.writeInt(frame.seq());
        out.writeInt(frame.body().length);
        out.writeBytes(frame.body());
    }
}
