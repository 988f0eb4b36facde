package im.org.directory;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.Caller;
import im.api.org.DirectoryDepartment;
import im.api.org.DirectoryPage;
import im.api.org.DirectoryService;
import im.api.org.PushNames;
import im.api.org.UserProfile;
import im.org.authz.OrgCache;
import im.org.authz.TenantRules;
import im.org.authz.UserCard;
import im.org.authz.VisibilityRules;
import im.org.directory.TenantDirectory.Department;
import im.org.directory.TenantDirectory.Person;
import im.org.validation.Inputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link DirectoryService} over Dubbo, from {@link DirectoryCache} with the caller's card and the
 * tenant's rules from {@link OrgCache} (the ones the send check uses). No database access once a
 * tenant is loaded. Thread-safe.
 */
public final class DirectoryEndpoint implements DirectoryService {
    private static final ImException PLATFORM = ImException.stackless(ErrorCode.FORBIDDEN,
            "the platform admin has no directory; log in as a user of a tenant");
    private static final ImException UNKNOWN_CALLER = ImException.stackless(ErrorCode.UNAUTHENTICATED,
            "unknown or disabled caller");
    private static final ImException NO_DEPARTMENT = ImException.stackless(ErrorCode.NOT_FOUND, "no such department");
    private static final ImException OTHER_TENANT = ImException.stackless(ErrorCode.FORBIDDEN,
            "userIds name a user of another tenant");

    private final OrgCache cache;
    private final DirectoryCache directories;
    private final GroupNames groupNames;

    /** The name of a live group, or empty; may read the database. */
    @FunctionalInterface
    public interface GroupNames {
        String apply(long groupId) throws ImException;
    }

    public DirectoryEndpoint(OrgCache cache, DirectoryCache directories, GroupNames groupNames) {
        this.cache = cache;
        this.directories = directories;
        this.groupNames = groupNames;
    }

    /**
     * The caller, the tenant's rules and its directory, as one answer sees them. Whether the caller
     * sees a department is decided once per department and answer ({@link VisibilityRules#canSeeDepartment});
     * a person is then visible exactly as {@link VisibilityRules#canSee} says (itself, a tenant admin
     * viewing, no department, or any visible department), without re-walking paths for each of the
     * thousands of people a search may match. Not thread-safe (one per answer).
     */
    private static final class View {
        private static final byte UNKNOWN = 0;
        private static final byte VISIBLE = 1;
        private static final byte HIDDEN = 2;

        final UserCard viewer;
        final TenantRules rules;
        final TenantDirectory directory;
        private final byte[] departments;

        View(UserCard viewer, TenantRules rules, TenantDirectory directory) {
            this.viewer = viewer;
            this.rules = rules;
            this.directory = directory;
            this.departments = new byte[directory.departmentCount()];
        }

        boolean sees(Person p) {
            if (p.id == viewer.userId() || viewer.tenantAdmin() || p.departments.isEmpty()) {
                return true;
            }
            for (Department d : p.departments) {
                if (sees(d)) {
                    return true;
                }
            }
            return false;
        }

        boolean sees(Department d) {
            byte known = departments[d.index];
            if (known == UNKNOWN) {
                known = VisibilityRules.canSeeDepartment(viewer, d.path, rules) ? VISIBLE : HIDDEN;
                departments[d.index] = known;
            }
            return known == VISIBLE;
        }
    }

    private View view(Caller caller) throws ImException {
        if (caller == null || caller.isPlatformAdmin()) {
            throw PLATFORM;
        }
        UserCard viewer = cache.user(caller.userId());
        if (viewer == null || viewer.disabled() || viewer.tenantId() != caller.tenantId()) {
            throw UNKNOWN_CALLER;
        }
        return new View(viewer, cache.rules(viewer.tenantId()), directories.of(viewer.tenantId()));
    }

    @Override
    public UserProfile me(Caller caller) throws ImException {
        View v = view(caller);
        Person p = v.directory.person(caller.userId());
        if (p == null) { // created after the snapshot was loaded and no invalidation reached us yet
            throw new ImException(ErrorCode.BUSY, "directory is being refreshed, retry shortly");
        }
        return profile(v, p);
    }

    @Override
    public List<UserProfile> profiles(Caller caller, List<Long> userIds) throws ImException {
        List<Long> ids = Inputs.ids("userIds", userIds, MAX_BATCH);
        if (ids.isEmpty()) {
            throw Inputs.bad("userIds must name 1.." + MAX_BATCH + " users");
        }
        View v = view(caller);
        List<Long> notHere = new ArrayList<>();
        List<UserProfile> out = new ArrayList<>(ids.size());
        for (long id : ids) {
            Person p = v.directory.person(id);
            if (p == null) {
                notHere.add(id);
            } else if (v.sees(p)) {
                out.add(profile(v, p));
            }
        }
        if (!notHere.isEmpty()) { // unknown, or of another tenant: the latter is refused
            for (Map.Entry<Long, UserCard> e : cache.users(notHere).entrySet()) {
                if (e.getValue().tenantId() != v.viewer.tenantId()) {
                    throw OTHER_TENANT;
                }
            }
        }
        return out;
    }

    @Override
    public List<DirectoryDepartment> departments(Caller caller, long parentId) throws ImException {
        if (parentId < 0) {
            throw Inputs.bad("parentId must be 0 (top level) or a department id");
        }
        View v = view(caller);
        List<Department> children = parentId == 0 ? v.directory.topLevel() : visibleDepartment(v, parentId).children;
        List<DirectoryDepartment> out = new ArrayList<>(children.size());
        for (Department d : children) {
            if (v.sees(d)) {
                int visibleChildren = 0;
                for (Department c : d.children) {
                    visibleChildren += v.sees(c) ? 1 : 0;
                }
                out.add(new DirectoryDepartment(d.id, d.parentId, d.name, d.members.size(), visibleChildren));
            }
        }
        return out;
    }

    @Override
    public DirectoryPage members(Caller caller, long departmentId, int page, int size) throws ImException {
        Inputs.id("departmentId", departmentId);
        checkPage(page, size);
        View v = view(caller);
        Department d = visibleDepartment(v, departmentId);
        // Every direct member of a department the viewer sees is visible (VisibilityRules.canSee).
        long from = (long) (page - 1) * size;
        List<UserProfile> out = new ArrayList<>(size);
        for (long i = from; i < Math.min(d.members.size(), from + size); i++) {
            out.add(profile(v, d.members.get((int) i)));
        }
        return new DirectoryPage(d.members.size(), out);
    }

    @Override
    public DirectoryPage search(Caller caller, String query, int page, int size) throws ImException {
        if (query == null || query.isBlank() || query.codePointCount(0, query.length()) > MAX_QUERY
                || query.codePoints().anyMatch(Character::isISOControl)) {
            throw Inputs.bad("q must be 1.." + MAX_QUERY + " characters, not blank, no control characters");
        }
        checkPage(page, size);
        View v = view(caller);
        int[] ranks = v.directory.prefixMatches(TenantDirectory.fold(query.strip()));
        long from = (long) (page - 1) * size;
        long total = 0;
        List<UserProfile> out = new ArrayList<>(size);
        for (int rank : ranks) {
            Person p = v.directory.byRank(rank);
            if (p.disabled || !v.sees(p)) {
                continue;
            }
            if (total >= from && out.size() < size) {
                out.add(profile(v, p));
            }
            total++;
        }
        return new DirectoryPage(total, out);
    }

    @Override
    public PushNames pushNames(long fromUserId, long groupId) throws ImException {
        String fromName = "";
        UserCard from = fromUserId > 0 ? cache.user(fromUserId) : null;
        if (from != null) {
            Person p = directories.of(from.tenantId()).person(fromUserId);
            fromName = p == null ? "" : p.name;
        }
        return new PushNames(fromName, groupId > 0 ? groupNames.apply(groupId) : "");
    }

    private static Department visibleDepartment(View v, long id) throws ImException {
        Department d = v.directory.department(id);
        if (d == null || !v.sees(d)) {
            throw NO_DEPARTMENT; // one answer for unknown and hidden
        }
        return d;
    }

    private static UserProfile profile(View v, Person p) {
        List<List<String>> paths = new ArrayList<>(p.departments.size());
        for (Department d : p.departments) {
            if (v.sees(d)) {
                paths.add(d.pathNames);
            }
        }
        return new UserProfile(p.id, p.account, p.name, p.title, p.avatarUrl, paths, p.disabled);
    }

    private static void checkPage(int page, int size) throws ImException {
        if (page < 1 || page > 1_000_000 || size < 1 || size > MAX_PAGE_SIZE) {
            throw Inputs.bad("page must be >= 1 and size 1.." + MAX_PAGE_SIZE);
        }
    }
}
