package im.api.org;

import java.io.Serializable;

/**
 * A live group as one of its members sees it.
 *
 * @param groupId      the group
 * @param name         its name
 * @param ownerId      its owner
 * @param announcement its announcement, empty when none is set
 * @param memberCount  its members, owner included
 * @param myRole       the caller's role in it
 * @param muted        whether the caller is muted in it
 */
public record GroupInfo(long groupId, String name, long ownerId, String announcement, int memberCount,
                        GroupRole myRole, boolean muted) implements Serializable {
}
