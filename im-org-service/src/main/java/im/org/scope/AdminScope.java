package im.org.scope;

import im.api.ErrorCode;
import im.api.ImException;
import java.util.List;

/**
 * The admin rights of one caller within its tenant.
 *
 * @param tenantId    the caller's tenant
 * @param userId      the caller
 * @param tenantAdmin whether it manages the whole tenant
 * @param adminPaths  the paths of the departments whose subtrees it manages as department admin
 */
public record AdminScope(long tenantId, long userId, boolean tenantAdmin, List<String> adminPaths) {
    public AdminScope {
        adminPaths = List.copyOf(adminPaths);
    }

    /** Whether the department at {@code path} is in this scope (a department admin's own included). */
    public boolean covers(String path) {
        return tenantAdmin || adminPaths.stream().anyMatch(path::startsWith);
    }

    /** Like {@link #covers} but a department admin's own department is excluded: it may not move, rename or delete it. */
    public boolean coversBelow(String path) {
        return tenantAdmin || adminPaths.stream().anyMatch(p -> path.startsWith(p) && !path.equals(p));
    }

    public void requireTenantAdmin() throws ImException {
        if (!tenantAdmin) {
            throw new ImException(ErrorCode.FORBIDDEN, "tenant admin only");
        }
    }

    public void requireCovers(String path) throws ImException {
        if (!covers(path)) {
            throw new ImException(ErrorCode.FORBIDDEN, "department outside your admin scope");
        }
    }

    public void requireCoversBelow(String path) throws ImException {
        if (!coversBelow(path)) {
            throw new ImException(ErrorCode.FORBIDDEN, "department outside your admin scope");
        }
    }
}
