package im.org.user;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.Caller;
import im.api.org.MemberSummary;
import im.api.org.UserPage;
import im.api.org.UserPatch;
import im.api.org.UserService;
import im.infra.auth.KickAnnouncements;
import im.infra.auth.TokenRevocations;
import im.org.auth.PasswordHasher;
import im.org.authz.CacheInvalidation;
import im.org.department.DepartmentEndpoint;
import im.org.department.DepartmentMapper;
import im.org.department.DepartmentRow;
import im.org.scope.AdminScope;
import im.org.scope.ScopeResolver;
import im.org.store.Transactions;
import im.org.validation.Inputs;
import java.util.List;
import org.apache.ibatis.session.SqlSession;

/** {@link UserService} over Dubbo; scope is checked in the transaction of each call. Thread-safe. */
public final class UserEndpoint implements UserService {
    /** Departments one user may be in. */
    public static final int MAX_DEPARTMENTS = 20;

    private final Transactions tx;
    private final ScopeResolver scopes;
    private final PasswordHasher passwords;
    private final TokenRevocations revocations;
    private final KickAnnouncements kicks;
    private final CacheInvalidation invalidation;

    public UserEndpoint(Transactions tx, ScopeResolver scopes, PasswordHasher passwords, TokenRevocations revocations,
                        KickAnnouncements kicks, CacheInvalidation invalidation) {
        this.tx = tx;
        this.scopes = scopes;
        this.passwords = passwords;
        this.revocations = revocations;
        this.kicks = kicks;
        this.invalidation = invalidation;
    }

    @Override
    public long create(Caller caller, String account, String password, String name, List<Long> departmentIds)
            throws ImException {
        String a = Inputs.account("account", account);
        String n = Inputs.name("name", name);
        List<Long> departments = Inputs.ids("departmentIds", departmentIds, MAX_DEPARTMENTS);
        String hash = passwords.hash(Inputs.password("password", password)); // slow: outside the transaction
        long id = tx.write("create user", s -> {
            AdminScope scope = scopes.resolve(s, caller);
            requireDepartmentsInScope(s, caller, scope, departments);
            UserMapper users = s.getMapper(UserMapper.class);
            if (users.findByAccount(caller.tenantId(), a) != null) {
                throw Inputs.bad("account '" + a + "' is taken");
            }
            UserRow row = new UserRow();
            row.tenantId = caller.tenantId();
            row.account = a;
            row.name = n;
            row.passwordHash = hash;
            row.role = UserRow.ROLE_EMPLOYEE;
            row.disabled = false;
            row.createdAt = System.currentTimeMillis();
            users.insert(row);
            if (!departments.isEmpty()) {
                users.addDepartments(caller.tenantId(), row.id, departments);
            }
            return row.id;
        });
        invalidation.directoryChanged(caller.tenantId());
        return id;
    }

    @Override
    public void update(Caller caller, long userId, UserPatch patch) throws ImException {
        Inputs.id("userId", userId);
        if (patch == null || (patch.name() == null && patch.departmentIds() == null && patch.disabled() == null)) {
            throw Inputs.bad("nothing to change: give name, departmentIds or disabled");
        }
        String name = patch.name() == null ? null : Inputs.name("name", patch.name());
        List<Long> departments = patch.departmentIds() == null ? null
                : Inputs.ids("departmentIds", patch.departmentIds(), MAX_DEPARTMENTS);
        if (Boolean.TRUE.equals(patch.disabled()) && userId == caller.userId()) {
            throw Inputs.bad("you cannot disable yourself");
        }
        tx.write("update user", s -> {
            AdminScope scope = scopes.resolve(s, caller);
            UserMapper users = s.getMapper(UserMapper.class);
            UserRow user = users.selectById(userId);
            if (user == null || user.tenantId != caller.tenantId()) {
                throw new ImException(ErrorCode.NOT_FOUND, "no such user: " + userId);
            }
            if (!scope.tenantAdmin()) {
                if (user.role == UserRow.ROLE_TENANT_ADMIN) {
                    throw new ImException(ErrorCode.FORBIDDEN, "department admins cannot change a tenant admin");
                }
                if (users.departmentPathsOf(userId).stream().noneMatch(scope::covers)) {
                    throw new ImException(ErrorCode.FORBIDDEN, "user outside your admin scope");
                }
            }
            if (departments != null) {
                requireDepartmentsInScope(s, caller, scope, departments);
                users.clearDepartments(userId);
                if (!departments.isEmpty()) {
                    users.addDepartments(caller.tenantId(), userId, departments);
                }
            }
            if (name != null || patch.disabled() != null) {
                UserRow change = new UserRow();
                change.id = userId;
                change.name = name;
                change.disabled = patch.disabled();
                users.updateById(change);
            }
            return null;
        });
        if (Boolean.TRUE.equals(patch.disabled())) {
            revocations.disable(userId); // every token of the user is refused from now on, on every node
            // and the sessions already open close now, wherever they are (PROTOCOL.md: disabling kicks)
            kicks.announce(userId, KickAnnouncements.REASON_ACCOUNT_DISABLED, "account disabled");
        } else if (Boolean.FALSE.equals(patch.disabled())) {
            revocations.revokeAllBefore(userId, System.currentTimeMillis()); // old tokens stay dead
        }
        invalidation.userChanged(userId);
        invalidation.directoryChanged(caller.tenantId());
    }

    @Override
    public UserPage list(Caller caller, long departmentId, int page, int size) throws ImException {
        if (departmentId < 0) {
            throw Inputs.bad("departmentId must be 0 (whole tenant) or a department id");
        }
        if (page < 1 || page > 1_000_000 || size < 1 || size > MAX_PAGE_SIZE) {
            throw Inputs.bad("page must be >= 1 and size 1.." + MAX_PAGE_SIZE);
        }
        long offset = (long) (page - 1) * size;
        return tx.read("list users", s -> {
            AdminScope scope = scopes.resolve(s, caller);
            UserMapper users = s.getMapper(UserMapper.class);
            if (departmentId == 0) {
                scope.requireTenantAdmin();
                return page(users.countInTenant(caller.tenantId()), users.pageInTenant(caller.tenantId(), offset, size));
            }
            DepartmentRow d = DepartmentEndpoint.requireDepartment(s, caller, departmentId);
            scope.requireCovers(d.path);
            return page(users.countInSubtree(caller.tenantId(), d.path),
                    users.pageInSubtree(caller.tenantId(), d.path, offset, size));
        });
    }

    private static UserPage page(long total, List<UserRow> rows) {
        return new UserPage(total, rows.stream()
                .map(u -> new MemberSummary(u.id, u.account, u.name, Boolean.TRUE.equals(u.disabled))).toList());
    }

    /**
     * The departments exist in the caller's tenant and are in its scope; a department admin must
     * name at least one (a user in no department would be outside every department admin's scope).
     */
    private static void requireDepartmentsInScope(SqlSession s, Caller caller, AdminScope scope, List<Long> ids)
            throws ImException {
        if (ids.isEmpty()) {
            if (!scope.tenantAdmin()) {
                throw new ImException(ErrorCode.FORBIDDEN, "department admins must place users in their departments");
            }
            return;
        }
        List<DepartmentRow> found = s.getMapper(DepartmentMapper.class).findInTenant(caller.tenantId(), ids);
        if (found.size() != ids.size()) {
            throw new ImException(ErrorCode.NOT_FOUND, "unknown department in departmentIds");
        }
        for (DepartmentRow d : found) {
            scope.requireCovers(d.path);
        }
    }
}
