package im.api.org;

/** A member's role in a group. */
public enum GroupRole {
    MEMBER,
    /** May add, remove and mute members. */
    ADMIN,
    /** The creator: everything an admin may, plus dismiss. Exactly one per group. */
    OWNER
}
