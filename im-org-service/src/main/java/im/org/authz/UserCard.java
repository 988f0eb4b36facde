package im.org.authz;

import java.util.List;

/**
 * What authorization needs of a user.
 *
 * @param departmentPaths the paths of its departments (materialized path, see im.org.department)
 */
public record UserCard(long userId, long tenantId, boolean tenantAdmin, boolean disabled,
                       List<String> departmentPaths) {
    public UserCard {
        departmentPaths = List.copyOf(departmentPaths);
    }
}
