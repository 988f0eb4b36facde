package im.org.authz;

import java.util.List;

/**
 * Whether one user may see (and message, and invite) another of the same tenant, per PROTOCOL.md's
 * {@code PUT /admin/visibility}: tenant admins see everyone; a target is visible when any of its
 * departments is (a user in no department is visible to all); a department is visible to all
 * unless it or an ancestor has a rule, and then only from the subtrees the nearest rule lists and
 * from its own subtree.
 */
public final class VisibilityRules {
    private VisibilityRules() {
    }

    /**
     * Whether {@code viewer} may see the department at {@code departmentPath} and its members, by the
     * same rule as {@link #canSee}: tenant admins see every department; a department is visible to
     * all unless it or an ancestor has a rule, and then only from the subtrees that rule lists and
     * from its own subtree.
     */
    public static boolean canSeeDepartment(UserCard viewer, String departmentPath, TenantRules rules) {
        if (viewer.tenantAdmin()) {
            return true;
        }
        List<String> rule = rules.ruleFor(departmentPath);
        if (rule == null) {
            return true;
        }
        for (String allowed : rule) {
            for (String viewerPath : viewer.departmentPaths()) {
                if (viewerPath.startsWith(allowed)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static boolean canSee(UserCard viewer, UserCard target, TenantRules rules) {
        if (viewer.userId() == target.userId() || viewer.tenantAdmin() || target.departmentPaths().isEmpty()) {
            return true;
        }
        for (String targetPath : target.departmentPaths()) {
            if (canSeeDepartment(viewer, targetPath, rules)) {
                return true;
            }
        }
        return false;
    }
}
