package im.api.org;

/** What changed in a group; the order of the constants is part of {@link GroupEventCodec}'s format. */
public enum GroupEventKind {
    /** The group was created; {@code userIds} are all its members, owner included. */
    CREATED,
    /** {@code userIds} joined (invited by the operator). */
    MEMBERS_ADDED,
    /** {@code userIds} (one) was removed by the operator, or left when it is the operator. */
    MEMBER_REMOVED,
    /** {@code userIds} (one) was muted. */
    MEMBER_MUTED,
    /** {@code userIds} (one) was unmuted. */
    MEMBER_UNMUTED,
    /** {@code userIds} (one) became an admin. */
    ADMIN_GRANTED,
    /** {@code userIds} (one) is a plain member again. */
    ADMIN_REVOKED,
    /** The group was dismissed; {@code userIds} are the members it had. */
    DISMISSED,
    /** The group was renamed by the operator (an owner or admin); {@code userIds} is empty. */
    RENAMED,
    /** The operator (an owner or admin) changed the announcement; {@code userIds} is empty. */
    ANNOUNCEMENT_CHANGED,
    /** The operator (the old owner) gave the group to {@code userIds} (one), and is an admin now. */
    OWNER_TRANSFERRED
}
