package im.client.transport;

import java.nio.ByteBuffer;

/**
 * The 20-byte frame header of PROTOCOL.md section 1: five big-endian signed 32-bit integers
 * {@code headLength} (always 20), {@code clientVersion} (1), {@code cmd}, {@code seq} and
 * {@code bodyLength}, followed by {@code bodyLength} bytes of protobuf.
 *
 * @param cmd        command number ({@link im.api.protocol.Command})
 * @param seq        request id chosen by the client; echoed in the response; 0 on server pushes
 * @param bodyLength length of the body that follows
 */
public record FrameHeader(int cmd, int seq, int bodyLength) {
    public static final int LENGTH = 20;
    public static final int VERSION = 1;

    public FrameHeader {
        if (bodyLength < 0) {
            throw new IllegalArgumentException("negative bodyLength: " + bodyLength);
        }
    }

    /** Writes the header at the buffer's position. */
    public void writeTo(ByteBuffer out) {
        out.putInt(LENGTH).putInt(VERSION).putInt(cmd).putInt(seq).putInt(bodyLength);
    }

    /**
     * Reads a header at the buffer's position.
     *
     * @param maxBodyLength the largest body accepted
     * @throws IllegalArgumentException when {@code headLength != 20} or the body length is negative
     *                                  or above {@code maxBodyLength}
     */
    public static FrameHeader readFrom(ByteBuffer in, int maxBodyLength) {
        int headLength = in.getInt();
        if (headLength != LENGTH) {
            throw new IllegalArgumentException("headLength must be 20, was " + headLength);
        }
        in.getInt(); // clientVersion: version 1 is the only one; servers answer whatever a client sends
        int cmd = in.getInt();
        int seq = in.getInt();
        int bodyLength = in.getInt();
        if (bodyLength < 0 || bodyLength > maxBodyLength) {
            throw new IllegalArgumentException("bodyLength " + bodyLength + " outside 0.." + maxBodyLength);
        }
        return new FrameHeader(cmd, seq, bodyLength);
    }
}
