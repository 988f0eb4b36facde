package im.api.access;

import java.io.Serializable;

/**
 * A {@code MSG_PUSH} that a connection did not acknowledge after the node's last try (or could not
 * take at all), so the logic tier can raise an offline-push event for it.
 *
 * @param userId       the recipient
 * @param platform     PROTOCOL.md {@code Platform} number of the connection
 * @param connectionId the node-local connection id
 * @param ackSeq       the seq the acknowledgement had to reach
 * @param tries        how often the frame was written (0 when it could not be written at all)
 * @param instanceId   the access node that reports it
 */
public record UndeliveredPush(long userId, int platform, long connectionId, long ackSeq, int tries, String instanceId)
        implements Serializable {
}
