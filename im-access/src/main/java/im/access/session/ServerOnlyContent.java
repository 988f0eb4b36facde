package im.access.session;

import im.access.transport.codec.Frame;
import im.api.ErrorCode;
import im.api.protocol.ContentType;
import im.api.protocol.SendReq;

/**
 * The client edge's refusal of content only the server posts: RED_PACKET (im-redpacket posts it when a
 * packet is sent) and SYSTEM. A client {@code SEND_REQ} with either gets {@code SEND_RESP 1000} and
 * reaches no other tier. Called on the connection's event loop; stateless.
 */
final class ServerOnlyContent {
    private ServerOnlyContent() {
    }

    /** True when refused: the answer was written and the frame is done. */
    static boolean refused(Connection c, Frame frame, SendReq req) {
        ContentType type = req.getContentType();
        if (type != ContentType.RED_PACKET && type != ContentType.SYSTEM) {
            return false;
        }
        c.write(ResponseFrames.failure(frame, ErrorCode.BAD_REQUEST, type.name()
                + " messages are posted by the server only"));
        return true;
    }
}
