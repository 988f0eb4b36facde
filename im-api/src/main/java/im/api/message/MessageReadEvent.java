package im.api.message;

import java.io.Serializable;

/**
 * A user moved its read seq in a conversation, on {@link MessageTopics#MESSAGE_READ}. The entries
 * of the reader's stream up to {@code readSeq} in that conversation are read.
 *
 * @param tenantId the reader's tenant
 * @param userId   the reader
 * @param convType 1 SINGLE, 2 GROUP
 * @param convId   SINGLE: the other user; GROUP: the group
 * @param readSeq  the new read seq in the reader's stream
 * @param readTime epoch millis
 */
public record MessageReadEvent(long tenantId, long userId, int convType, long convId, long readSeq, long readTime)
        implements Serializable {
}
