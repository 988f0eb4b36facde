package im.org.visibility;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.Caller;
import im.api.org.VisibilityService;
import im.org.authz.CacheInvalidation;
import im.org.authz.OrgCache;
import im.org.authz.UserCard;
import im.org.authz.VisibilityRules;
import im.org.department.DepartmentEndpoint;
import im.org.department.DepartmentMapper;
import im.org.department.DepartmentRow;
import im.org.scope.AdminScope;
import im.org.scope.ScopeResolver;
import im.org.store.Transactions;
import im.org.validation.Inputs;
import java.util.List;

/** {@link VisibilityService} over Dubbo. Thread-safe. */
public final class VisibilityEndpoint implements VisibilityService {
    /** Departments one rule may list. */
    public static final int MAX_VISIBLE_TO = 200;

    private final Transactions tx;
    private final ScopeResolver scopes;
    private final OrgCache cache;
    private final CacheInvalidation invalidation;

    public VisibilityEndpoint(Transactions tx, ScopeResolver scopes, OrgCache cache, CacheInvalidation invalidation) {
        this.tx = tx;
        this.scopes = scopes;
        this.cache = cache;
        this.invalidation = invalidation;
    }

    @Override
    public void setVisibility(Caller caller, long departmentId, List<Long> visibleTo) throws ImException {
        Inputs.id("departmentId", departmentId);
        List<Long> rule = visibleTo == null ? null : Inputs.ids("visibleTo", visibleTo, MAX_VISIBLE_TO);
        tx.write("set visibility", s -> {
            AdminScope scope = scopes.resolve(s, caller);
            DepartmentMapper mapper = s.getMapper(DepartmentMapper.class);
            DepartmentRow d = DepartmentEndpoint.requireDepartment(s, caller, departmentId);
            scope.requireCovers(d.path);
            if (rule != null && !rule.isEmpty() && mapper.findInTenant(caller.tenantId(), rule).size() != rule.size()) {
                throw new ImException(ErrorCode.NOT_FOUND, "unknown department in visibleTo");
            }
            mapper.clearVisibility(d.id);
            mapper.setRestricted(d.id, rule != null);
            if (rule != null && !rule.isEmpty()) {
                mapper.addVisibility(caller.tenantId(), d.id, rule);
            }
            return null;
        });
        invalidation.tenantChanged(caller.tenantId());
    }

    @Override
    public boolean canSee(long viewerId, long targetId) throws ImException {
        UserCard viewer = cache.user(viewerId);
        UserCard target = cache.user(targetId);
        if (viewer == null || target == null) {
            throw new ImException(ErrorCode.NOT_FOUND, "no such user");
        }
        return viewer.tenantId() == target.tenantId()
                && VisibilityRules.canSee(viewer, target, cache.rules(viewer.tenantId()));
    }
}
