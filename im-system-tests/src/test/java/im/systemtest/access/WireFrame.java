package im.systemtest.access;

import java.nio.ByteBuffer;

/**
 * A protocol frame as a test client sees it (PROTOCOL.md section 1), written and read by hand so the
 * tests check the wire format, not the server's own codec.
 */
record WireFrame(int cmd, int seq, byte[] body) {
    static final int LOGIN_REQ = 1;
    static final int LOGIN_RESP = 2;
    static final int HEARTBEAT_REQ = 3;
    static final int HEARTBEAT_RESP = 4;
    static final int KICKOUT = 7;
    static final int SEND_REQ = 10;
    static final int MSG_PUSH = 12;
    static final int MSG_ACK = 13;
    static final int ERROR = 99;

    byte[] encode() {
        return ByteBuffer.allocate(20 + body.length).putInt(20).putInt(1).putInt(cmd).putInt(seq).putInt(body.length)
                .put(body).array();
    }

    static WireFrame decode(ByteBuffer b) {
        int head = b.getInt();
        if (head != 20) {
            throw new IllegalStateException("server sent headLength " + head);
        }
        b.getInt();
        int cmd = b.getInt();
        int seq = b.getInt();
        byte[] body = new byte[b.getInt()];
        b.get(body);
        return new WireFrame(cmd, seq, body);
    }
}
