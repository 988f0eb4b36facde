package im.api.access;

import java.io.Serializable;

/**
 * One frame for a user's connections on one access node.
 *
 * @param userId              the recipient
 * @param cmd                 a server-initiated command number: {@code MSG_PUSH} (12), {@code RECEIPT_NOTIFY} (22),
 *                            {@code READ_SYNC_NOTIFY} (23)
 * @param body                the protobuf body of that command (e.g. {@code MsgPush} bytes), at most the node's
 *                            frame limit; not copied, so the caller must not change it afterwards
 * @param ackSeq              for {@code MSG_PUSH}: the highest stream seq in the push, which the client's
 *                            cumulative {@code MSG_ACK} must reach; 0 for frames that are not acknowledged
 * @param excludeConnectionId a connection that must not get the frame (the sending connection, which gets
 *                            {@code SEND_RESP} instead); 0 for none
 */
public record PushRequest(long userId, int cmd, byte[] body, long ackSeq, long excludeConnectionId)
        implements Serializable {
}
