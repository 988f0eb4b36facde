package im.api.org;

import im.api.ImException;
import java.util.List;

/**
 * The department tree of a tenant: any depth, names unique among siblings. Tenant admins manage
 * the whole tree; a department admin manages the subtree below (and including) its department,
 * except that department itself cannot be moved, renamed or deleted by it.
 */
public interface DepartmentService {

    /** {@code parentId} of a root department. */
    long ROOT = 0L;

    /**
     * Creates a department under {@code parentId} ({@link #ROOT} for a top-level one).
     *
     * @param name 1..64 characters, unique among its siblings
     * @throws ImException {@code BAD_REQUEST} for an invalid or duplicate name, {@code NOT_FOUND} for
     *                     an unknown parent, {@code FORBIDDEN} outside the caller's scope
     */
    long create(Caller caller, long parentId, String name) throws ImException;

    /** Renames a department; same rules as {@link #create}. */
    void rename(Caller caller, long departmentId, String name) throws ImException;

    /**
     * Moves a department (with its subtree) under {@code newParentId}.
     *
     * @throws ImException {@code BAD_REQUEST} when the new parent is the department or inside its
     *                     subtree, or a sibling there has the same name
     */
    void move(Caller caller, long departmentId, long newParentId) throws ImException;

    /**
     * Deletes an empty department.
     *
     * @throws ImException {@code BAD_REQUEST} while it has sub-departments or members
     */
    void delete(Caller caller, long departmentId) throws ImException;

    /**
     * Makes {@code userId} a department admin of {@code departmentId}'s subtree, or revokes it.
     * Tenant admins only.
     */
    void setAdmin(Caller caller, long departmentId, long userId, boolean admin) throws ImException;

    /**
     * The tenant's tree (its top-level departments) with direct members, for the admin console;
     * a department admin gets its own subtrees.
     */
    List<DepartmentNode> tree(Caller caller) throws ImException;
}
