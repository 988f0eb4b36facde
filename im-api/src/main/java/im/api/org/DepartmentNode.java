package im.api.org;

import java.io.Serializable;
import java.util.List;

/**
 * One department of the tree with its sub-departments and direct members.
 *
 * @param id       the department
 * @param name     its name
 * @param children sub-departments, by id
 * @param members  the users directly in this department, by id
 */
public record DepartmentNode(long id, String name, List<DepartmentNode> children, List<MemberSummary> members)
        implements Serializable {
    public DepartmentNode {
        children = List.copyOf(children);
        members = List.copyOf(members);
    }
}
