package im.org.department;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.Caller;
import im.api.org.DepartmentNode;
import im.api.org.DepartmentService;
import im.api.org.MemberSummary;
import im.org.authz.CacheInvalidation;
import im.org.scope.AdminScope;
import im.org.scope.ScopeResolver;
import im.org.store.Transactions;
import im.org.user.UserMapper;
import im.org.user.UserRow;
import im.org.validation.Inputs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;

/** {@link DepartmentService} over Dubbo; every call checks the caller's scope in its transaction. Thread-safe. */
public final class DepartmentEndpoint implements DepartmentService {
    /** Deepest department (root = 1); see the package documentation for the path length. */
    public static final int MAX_DEPTH = 50;

    private final Transactions tx;
    private final ScopeResolver scopes;
    private final CacheInvalidation invalidation;

    public DepartmentEndpoint(Transactions tx, ScopeResolver scopes, CacheInvalidation invalidation) {
        this.tx = tx;
        this.scopes = scopes;
        this.invalidation = invalidation;
    }

    @Override
    public long create(Caller caller, long parentId, String name) throws ImException {
        String n = Inputs.name("name", name);
        if (parentId < 0) {
            throw Inputs.bad("parentId must be 0 (root) or a department id");
        }
        long id = tx.write("create department", s -> {
            AdminScope scope = scopes.resolve(s, caller);
            DepartmentMapper mapper = s.getMapper(DepartmentMapper.class);
            String parentPath = "/";
            int depth = 1;
            if (parentId == ROOT) {
                scope.requireTenantAdmin();
            } else {
                DepartmentRow parent = requireDepartment(mapper, caller, parentId);
                scope.requireCovers(parent.path);
                parentPath = parent.path;
                depth = parent.depth + 1;
            }
            if (depth > MAX_DEPTH) {
                throw Inputs.bad("the tree is at most " + MAX_DEPTH + " levels deep");
            }
            DepartmentRow row = new DepartmentRow();
            row.tenantId = caller.tenantId();
            row.parentId = parentId;
            row.name = n;
            row.path = parentPath; // completed with the id below, once AUTO_INCREMENT assigned it
            row.depth = depth;
            row.restricted = false;
            row.createdAt = System.currentTimeMillis();
            mapper.insert(row);
            DepartmentRow withPath = new DepartmentRow();
            withPath.id = row.id;
            withPath.path = parentPath + row.id + "/";
            mapper.updateById(withPath);
            return row.id;
        });
        invalidation.directoryChanged(caller.tenantId());
        return id;
    }

    @Override
    public void rename(Caller caller, long departmentId, String name) throws ImException {
        String n = Inputs.name("name", name);
        tx.write("rename department", s -> {
            AdminScope scope = scopes.resolve(s, caller);
            DepartmentMapper mapper = s.getMapper(DepartmentMapper.class);
            DepartmentRow d = requireDepartment(mapper, caller, departmentId);
            scope.requireCoversBelow(d.path);
            DepartmentRow change = new DepartmentRow();
            change.id = d.id;
            change.name = n;
            mapper.updateById(change);
            return null;
        });
        invalidation.directoryChanged(caller.tenantId()); // path names changed
    }

    @Override
    public void move(Caller caller, long departmentId, long newParentId) throws ImException {
        if (newParentId < 0) {
            throw Inputs.bad("parentId must be 0 (root) or a department id");
        }
        tx.write("move department", s -> {
            AdminScope scope = scopes.resolve(s, caller);
            DepartmentMapper mapper = s.getMapper(DepartmentMapper.class);
            DepartmentRow d = requireDepartment(mapper, caller, departmentId);
            scope.requireCoversBelow(d.path);
            String parentPath = "/";
            int depth = 1;
            if (newParentId == ROOT) {
                scope.requireTenantAdmin();
            } else {
                DepartmentRow parent = requireDepartment(mapper, caller, newParentId);
                if (parent.path.startsWith(d.path)) {
                    throw Inputs.bad("cannot move a department into its own subtree");
                }
                scope.requireCovers(parent.path);
                parentPath = parent.path;
                depth = parent.depth + 1;
            }
            int deepestBelow = mapper.subtree(caller.tenantId(), d.path).stream()
                    .mapToInt(r -> r.depth - d.depth).max().orElse(0);
            if (depth + deepestBelow > MAX_DEPTH) {
                throw Inputs.bad("the tree is at most " + MAX_DEPTH + " levels deep");
            }
            DepartmentRow change = new DepartmentRow();
            change.id = d.id;
            change.parentId = newParentId;
            mapper.updateById(change); // the sibling-name unique key refuses a clash here
            mapper.rerootSubtree(caller.tenantId(), d.path, parentPath + d.id + "/", depth - d.depth);
            return null;
        });
        invalidation.tenantChanged(caller.tenantId()); // member paths moved
    }

    @Override
    public void delete(Caller caller, long departmentId) throws ImException {
        tx.write("delete department", s -> {
            AdminScope scope = scopes.resolve(s, caller);
            DepartmentMapper mapper = s.getMapper(DepartmentMapper.class);
            DepartmentRow d = requireDepartment(mapper, caller, departmentId);
            scope.requireCoversBelow(d.path);
            if (mapper.countChildren(d.id) > 0) {
                throw Inputs.bad("department has sub-departments");
            }
            if (mapper.countMembers(d.id) > 0) {
                throw Inputs.bad("department has members");
            }
            mapper.clearAdmins(d.id);
            mapper.clearVisibility(d.id);
            mapper.removeFromRules(d.id);
            mapper.deleteDepartment(d.id);
            return null;
        });
        invalidation.tenantChanged(caller.tenantId());
    }

    @Override
    public void setAdmin(Caller caller, long departmentId, long userId, boolean admin) throws ImException {
        Inputs.id("userId", userId);
        tx.write("set department admin", s -> {
            scopes.resolve(s, caller).requireTenantAdmin();
            DepartmentMapper mapper = s.getMapper(DepartmentMapper.class);
            DepartmentRow d = requireDepartment(mapper, caller, departmentId);
            UserRow user = s.getMapper(UserMapper.class).selectById(userId);
            if (user == null || user.tenantId != caller.tenantId()) {
                throw new ImException(ErrorCode.NOT_FOUND, "no such user");
            }
            if (admin) {
                mapper.addAdmin(caller.tenantId(), d.id, userId);
            } else {
                mapper.removeAdmin(d.id, userId);
            }
            return null;
        });
    }

    @Override
    public List<DepartmentNode> tree(Caller caller) throws ImException {
        return tx.read("read department tree", s -> {
            AdminScope scope = scopes.resolve(s, caller);
            DepartmentMapper mapper = s.getMapper(DepartmentMapper.class);
            List<DepartmentRow> rows = mapper.listByTenant(caller.tenantId()); // by depth: parents first
            Map<Long, List<MemberSummary>> members = new HashMap<>();
            for (DepartmentMemberRow m : mapper.membersOfTenant(caller.tenantId())) {
                members.computeIfAbsent(m.departmentId, k -> new ArrayList<>())
                        .add(new MemberSummary(m.userId, m.account, m.name, Boolean.TRUE.equals(m.disabled)));
            }
            return build(rows, members, scope);
        });
    }

    /** Nests the rows (parents before children) and keeps the subtrees the scope covers. */
    private static List<DepartmentNode> build(List<DepartmentRow> rows, Map<Long, List<MemberSummary>> members,
                                              AdminScope scope) {
        Map<Long, List<DepartmentRow>> children = new LinkedHashMap<>();
        List<DepartmentRow> tops = new ArrayList<>();
        Map<Long, DepartmentRow> byId = new HashMap<>();
        for (DepartmentRow r : rows) {
            byId.put(r.id, r);
        }
        for (DepartmentRow r : rows) {
            if (!scope.covers(r.path)) {
                continue;
            }
            DepartmentRow parent = byId.get(r.parentId);
            if (parent == null || !scope.covers(parent.path)) {
                tops.add(r);
            } else {
                children.computeIfAbsent(parent.id, k -> new ArrayList<>()).add(r);
            }
        }
        List<DepartmentNode> out = new ArrayList<>();
        for (DepartmentRow top : tops) {
            out.add(node(top, children, members));
        }
        return out;
    }

    private static DepartmentNode node(DepartmentRow r, Map<Long, List<DepartmentRow>> children,
                                       Map<Long, List<MemberSummary>> members) {
        List<DepartmentNode> kids = new ArrayList<>();
        for (DepartmentRow c : children.getOrDefault(r.id, List.of())) {
            kids.add(node(c, children, members));
        }
        return new DepartmentNode(r.id, r.name, kids, members.getOrDefault(r.id, List.of()));
    }

    static DepartmentRow requireDepartment(DepartmentMapper mapper, Caller caller, long id) throws ImException {
        DepartmentRow d = id > 0 ? mapper.selectById(id) : null;
        if (d == null || d.tenantId != caller.tenantId()) {
            throw new ImException(ErrorCode.NOT_FOUND, "no such department: " + id);
        }
        return d;
    }

    /** For other features' transactions: the department of the caller's tenant, or NOT_FOUND. */
    public static DepartmentRow requireDepartment(SqlSession s, Caller caller, long id) throws ImException {
        return requireDepartment(s.getMapper(DepartmentMapper.class), caller, id);
    }
}
