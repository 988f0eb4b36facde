package im.api.access;

import java.io.Serializable;

/**
 * What {@link AccessPushService#push} did on the node.
 *
 * @param written connections the frame was written to
 * @param skipped connections of the user that could not take it now (too many unacknowledged pushes
 *                or a full write buffer); they are reported as undelivered at once, so the logic tier
 *                treats them like any undelivered push
 */
public record PushResult(int written, int skipped) implements Serializable {
}
