package im.api.message;

import java.io.Serializable;

/**
 * A message was recalled, on {@link MessageTopics#MESSAGE_RECALLED}.
 *
 * @param msgId      the recalled message
 * @param tenantId   its tenant
 * @param convType   1 SINGLE, 2 GROUP
 * @param convId     SINGLE: the original recipient; GROUP: the group
 * @param operatorId who recalled it (the sender, or a privileged user)
 * @param recallTime epoch millis
 */
public record MessageRecalledEvent(long msgId, long tenantId, int convType, long convId, long operatorId,
                                   long recallTime) implements Serializable {
}
