package im.api.message;

import java.io.Serializable;
import java.util.List;

/**
 * One entry of a user's stream, the {@code Message} of PROTOCOL.md section 2 as seen by the stream's
 * owner. A recalled message comes back with {@code recalled = true} and empty text and payload.
 *
 * @param msgId       the message
 * @param seq         the entry's position in the owner's stream
 * @param convType    1 SINGLE, 2 GROUP
 * @param convId      SINGLE: the other user seen from the owner; GROUP: the group
 * @param fromUserId  the sender
 * @param sendTime    epoch millis
 * @param contentType {@code ContentType} number
 * @param text        the text, empty when recalled
 * @param payload     the payload, empty when recalled
 * @param clientMsgId the sender's client id
 * @param kind        {@code MsgKind} number: 0 NORMAL, 1 RECALL, 2 GROUP_EVENT
 * @param refMsgId    RECALL: the recalled message; else 0
 * @param needReceipt the sender wants receipts
 * @param mentions    mentioned users
 * @param recalled    the message was recalled
 */
public record MessageEntry(long msgId, long seq, int convType, long convId, long fromUserId, long sendTime,
                           int contentType, String text, byte[] payload, String clientMsgId, int kind,
                           long refMsgId, boolean needReceipt, List<Long> mentions, boolean recalled)
        implements Serializable {
    /** {@code MsgKind.NORMAL}. */
    public static final int KIND_NORMAL = 0;
    /** {@code MsgKind.RECALL}. */
    public static final int KIND_RECALL = 1;
    /** {@code MsgKind.GROUP_EVENT}. */
    public static final int KIND_GROUP_EVENT = 2;

    public MessageEntry {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }
}
