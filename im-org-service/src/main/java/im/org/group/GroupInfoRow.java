package im.org.group;

/** A group joined with one member's row ({@link GroupMapper#groupsOf}, {@link GroupMapper#infoFor}). */
public class GroupInfoRow {
    public Long groupId;
    public String name;
    public Long ownerId;
    public String announcement;
    public Integer memberCount;
    public Integer role;
    public Boolean muted;
}
