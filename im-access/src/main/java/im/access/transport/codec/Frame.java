package im.access.transport.codec;

import com.google.protobuf.MessageLite;
import im.api.protocol.Command;

/**
 * One protocol frame after the header was checked: a known command, the client's seq and the
 * protobuf body (not parsed yet; the handler of the command parses it).
 *
 * @param cmd  a known command
 * @param seq  request id chosen by the client, echoed by the response; 0 on server-initiated frames
 * @param body the protobuf body, never null; not copied, so nobody changes it after construction
 */
public record Frame(Command cmd, int seq, byte[] body) {
    private static final byte[] EMPTY = new byte[0];

    public Frame {
        if (cmd == null) {
            throw new IllegalArgumentException("cmd");
        }
        if (body == null) {
            body = EMPTY;
        }
    }

    public static Frame of(Command cmd, int seq, MessageLite body) {
        return new Frame(cmd, seq, body.toByteArray());
    }

    public static Frame empty(Command cmd, int seq) {
        return new Frame(cmd, seq, EMPTY);
    }

    @Override
    public String toString() {
        return "Frame{cmd=" + cmd + ", seq=" + seq + ", bodyLength=" + body.length + "}";
    }
}
