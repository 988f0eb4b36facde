package im.org.group;

/** A row of {@code group_member}; {@code role} is a {@link im.api.org.GroupRole} ordinal. */
public class GroupMemberRow {
    public Long groupId;
    public Long userId;
    public Integer role;
    public Boolean muted;
    public Long joinedAt;
    /** The member's display name, filled only by {@link GroupMapper#membersNamed}. */
    public String name;
}
