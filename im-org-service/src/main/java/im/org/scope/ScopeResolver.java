package im.org.scope;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.Caller;
import im.org.department.DepartmentMapper;
import im.org.user.UserMapper;
import im.org.user.UserRow;
import java.util.List;
import org.apache.ibatis.session.SqlSession;

/** Reads a caller's {@link AdminScope} inside the transaction of the admin call it guards. Stateless. */
public final class ScopeResolver {

    /**
     * @throws ImException {@code FORBIDDEN} for the platform admin (it manages tenants, not their
     *                     content) and for a caller that is no admin; {@code UNAUTHENTICATED} for a
     *                     caller that no longer exists in its tenant or is disabled
     */
    public AdminScope resolve(SqlSession session, Caller caller) throws ImException {
        UserRow user = requireActiveUser(session, caller);
        boolean tenantAdmin = user.role == UserRow.ROLE_TENANT_ADMIN;
        AdminScope scope = new AdminScope(caller.tenantId(), caller.userId(), tenantAdmin,
                tenantAdmin ? List.of() : session.getMapper(DepartmentMapper.class).adminPathsOf(caller.userId()));
        if (!scope.tenantAdmin() && scope.adminPaths().isEmpty()) {
            throw new ImException(ErrorCode.FORBIDDEN, "admin role required");
        }
        return scope;
    }

    /** The caller's row, when it is an enabled user of its tenant. */
    public UserRow requireActiveUser(SqlSession session, Caller caller) throws ImException {
        if (caller == null) {
            throw new ImException(ErrorCode.UNAUTHENTICATED, "no caller");
        }
        if (caller.isPlatformAdmin()) {
            throw new ImException(ErrorCode.FORBIDDEN, "the platform admin manages tenants only");
        }
        UserRow user = session.getMapper(UserMapper.class).selectById(caller.userId());
        if (user == null || user.tenantId != caller.tenantId() || Boolean.TRUE.equals(user.disabled)) {
            throw new ImException(ErrorCode.UNAUTHENTICATED, "unknown or disabled caller");
        }
        return user;
    }
}
