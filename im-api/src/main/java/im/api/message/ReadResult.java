package im.api.message;

import java.io.Serializable;

/**
 * The state after {@link MessageService#read}, which the gateway sends to the reader's other devices
 * as {@code READ_SYNC_NOTIFY}.
 *
 * @param convType    1 SINGLE, 2 GROUP
 * @param convId      the conversation
 * @param readSeq     the conversation's read seq now (unchanged when the request was older)
 * @param unread      the conversation's unread count now
 * @param totalUnread the user's unread count over every conversation
 */
public record ReadResult(int convType, long convId, long readSeq, int unread, int totalUnread)
        implements Serializable {
}
