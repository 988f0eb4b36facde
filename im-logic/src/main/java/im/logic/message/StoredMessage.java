package im.logic.message;

import im.api.message.MessageSentEvent;
import java.util.List;

/**
 * A row of {@code message}: the content of one message, shared by every stream entry naming it.
 *
 * @param convId SINGLE: the recipient; GROUP: the group
 */
public record StoredMessage(long msgId, long tenantId, int convType, long convId, long fromUserId, String clientMsgId,
                            int contentType, String text, byte[] payload, boolean needReceipt, List<Long> mentions,
                            long sendTime, boolean recalled) {
    public StoredMessage {
        mentions = List.copyOf(mentions);
    }

    /** The archive's and the receipt service's event of this message, sent to {@code members}. */
    public MessageSentEvent sentEvent(List<Long> members) {
        return new MessageSentEvent(msgId, tenantId, convType, convId, fromUserId, sendTime, contentType, text,
                needReceipt, members.stream().filter(u -> u != fromUserId).toList(), mentions);
    }
}
