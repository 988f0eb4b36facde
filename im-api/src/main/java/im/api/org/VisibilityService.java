package im.api.org;

import im.api.ImException;
import java.util.List;

/**
 * Who can see and message whom. A department with a rule is visible (its members and the members of
 * its subtree, unless a deeper department has its own rule) only from the departments the rule
 * lists and their subtrees, and from within itself; a department without a rule is visible to the
 * whole tenant. Tenant admins see everyone of their tenant. A user in several departments is
 * visible to a viewer when any of its departments is.
 */
public interface VisibilityService {

    /**
     * Sets or clears the rule of a department.
     *
     * @param visibleTo 0..200 departments of the tenant; {@code null} clears the rule (whole tenant)
     * @throws ImException {@code NOT_FOUND} for an unknown department, {@code FORBIDDEN} outside the
     *                     caller's scope
     */
    void setVisibility(Caller caller, long departmentId, List<Long> visibleTo) throws ImException;

    /**
     * Whether {@code viewerId} may see and message {@code targetId}.
     *
     * @throws ImException {@code NOT_FOUND} when either user does not exist
     */
    boolean canSee(long viewerId, long targetId) throws ImException;
}
