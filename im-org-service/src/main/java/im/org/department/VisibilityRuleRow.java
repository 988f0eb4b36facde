package im.org.department;

/**
 * One entry of a visibility rule: members of {@code departmentId} are visible from the subtree at
 * {@code visiblePath}. MyBatis fills the fields.
 */
public class VisibilityRuleRow {
    public Long departmentId;
    public String visiblePath;
}
