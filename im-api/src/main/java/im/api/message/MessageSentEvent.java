package im.api.message;

import java.io.Serializable;
import java.util.List;

/**
 * A message became durable in every recipient's stream, on {@link MessageTopics#MESSAGE_SENT}.
 *
 * @param msgId        the message
 * @param tenantId     the sender's tenant (archive routing)
 * @param convType     1 SINGLE, 2 GROUP
 * @param convId       SINGLE: the recipient; GROUP: the group
 * @param fromUserId   the sender
 * @param sendTime     epoch millis
 * @param contentType  {@code ContentType} number
 * @param text         the text
 * @param needReceipt  the sender wants receipts
 * @param recipientIds every recipient when it was sent (the members minus the sender; single: the
 *                     peer), ascending; receipts are counted against this list
 * @param mentions     mentioned users
 */
public record MessageSentEvent(long msgId, long tenantId, int convType, long convId, long fromUserId, long sendTime,
                               int contentType, String text, boolean needReceipt, List<Long> recipientIds,
                               List<Long> mentions) implements Serializable {
    public MessageSentEvent {
        recipientIds = List.copyOf(recipientIds);
        mentions = List.copyOf(mentions);
    }
}
