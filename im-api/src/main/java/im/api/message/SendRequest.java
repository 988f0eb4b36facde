package im.api.message;

import java.io.Serializable;
import java.util.List;

/**
 * A message to send, as the client's {@code SendReq} carries it (PROTOCOL.md section 2); the sender
 * is the {@link SessionCaller}.
 *
 * @param clientMsgId the client's id of this message, 1..64 characters; a resend with the same id
 *                    within 24 h answers the original and creates nothing
 * @param convType    {@code ConvType} number: 1 SINGLE, 2 GROUP
 * @param toId        the peer user (SINGLE) or the group (GROUP)
 * @param contentType {@code ContentType} number, 1..6
 * @param text        at most {@link #MAX_TEXT_CHARS} characters, may be empty, never null
 * @param payload     at most {@link #MAX_PAYLOAD_BYTES} bytes, may be empty, never null
 * @param needReceipt the sender wants read receipts (always true in single chats)
 * @param mentions    mentioned users, at most {@link #MAX_MENTIONS}
 */
public record SendRequest(String clientMsgId, int convType, long toId, int contentType, String text, byte[] payload,
                          boolean needReceipt, List<Long> mentions) implements Serializable {
    /** PROTOCOL.md section 4.3. */
    public static final int MAX_TEXT_CHARS = 8192;
    /** PROTOCOL.md section 4.3: 32 KiB. */
    public static final int MAX_PAYLOAD_BYTES = 32 * 1024;
    /** Keeps the stored mention list within its column. */
    public static final int MAX_MENTIONS = 100;

    public SendRequest {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }
}
