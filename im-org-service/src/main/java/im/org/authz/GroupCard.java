package im.org.authz;

import im.api.org.GroupRole;
import java.util.Arrays;

/**
 * A live group as authorization and fan-out need it: members as a sorted id array (80 KB for
 * 10,000) with a parallel array of flags, so a membership check is a binary search.
 */
final class GroupCard {
    private static final byte MUTED = 0x10;
    private static final byte ROLE_MASK = 0x0f;

    final long groupId;
    final long tenantId;
    final long version;
    private final long[] memberIds;
    private final byte[] flags;

    GroupCard(long groupId, long tenantId, long version, long[] sortedMemberIds, byte[] flags) {
        this.groupId = groupId;
        this.tenantId = tenantId;
        this.version = version;
        this.memberIds = sortedMemberIds;
        this.flags = flags;
    }

    static byte flags(int roleOrdinal, boolean muted) {
        return (byte) (roleOrdinal | (muted ? MUTED : 0));
    }

    /** Index of the member, or negative when not a member. */
    int indexOf(long userId) {
        return Arrays.binarySearch(memberIds, userId);
    }

    boolean muted(int index) {
        return (flags[index] & MUTED) != 0;
    }

    GroupRole role(int index) {
        return GroupRole.values()[flags[index] & ROLE_MASK];
    }

    long[] memberIds() {
        return memberIds.clone();
    }

    int size() {
        return memberIds.length;
    }
}
