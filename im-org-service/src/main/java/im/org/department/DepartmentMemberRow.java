package im.org.department;

/** A direct member of a department as the tree query returns it; MyBatis fills the fields. */
public class DepartmentMemberRow {
    public Long departmentId;
    public Long userId;
    public String account;
    public String name;
    public Boolean disabled;
}
