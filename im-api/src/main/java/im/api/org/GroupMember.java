package im.api.org;

import java.io.Serializable;

/**
 * One member of a group as {@code GET /groups/{id}/members} lists it.
 *
 * @param userId the member
 * @param role   its role
 * @param muted  whether it may not send to the group
 */
public record GroupMember(long userId, GroupRole role, boolean muted) implements Serializable {
}
