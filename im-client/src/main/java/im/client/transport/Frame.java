package im.client.transport;

import java.util.Arrays;

/**
 * One protocol frame: the command, the request id and the protobuf body (PROTOCOL.md section 1).
 * The body array is owned by the frame; do not change it after construction.
 */
public record Frame(int cmd, int seq, byte[] body) {
    private static final byte[] EMPTY = new byte[0];

    public Frame {
        body = body == null ? EMPTY : body;
    }

    public static Frame of(int cmd, int seq) {
        return new Frame(cmd, seq, EMPTY);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.cmd == cmd && f.seq == seq && Arrays.equals(f.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * cmd + seq) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Frame{cmd=" + cmd + ", seq=" + seq + ", body=" + body.length + " bytes}";
    }
}
