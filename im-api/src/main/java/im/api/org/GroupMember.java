package im.api.org;

import java.io.Serializable;

/**
 * One member of a group as {@code GET /groups/{id}/members} lists it.
 *
 * @param userId the member
 * @param name   its display name
 * @param role   its role
 * @param muted  whether it may not send to the group
 */
public record GroupMember(long userId, String name, GroupRole role, boolean muted) implements Serializable {
}
