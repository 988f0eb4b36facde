package im.access.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import im.api.ImException;
import im.api.org.Caller;
import im.api.org.DepartmentNode;
import im.api.org.MemberSummary;
import im.api.org.TenantCreated;
import im.api.org.UserPage;
import im.api.org.UserPatch;
import im.api.org.UserService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin console's routes: tenants (platform admin), departments, users and visibility (tenant
 * admin, or department admin within its subtree; im-org-service decides the scope). Beyond the
 * PROTOCOL.md minimum: {@code PATCH} and {@code DELETE /admin/departments/{id}} (rename, move,
 * delete) and {@code PUT /admin/departments/{id}/admins/{userId}} (department admins).
 * Handlers run on Jetty's request threads; stateless and thread-safe.
 */
final class AdminRoutes {
    /** Length limits of the edge; im-org-service checks the same and more. */
    static final int MAX_NAME = 64;
    static final int MAX_ACCOUNT = 64;
    static final int MAX_PASSWORD = 72;
    static final int MAX_TENANT_CODE = 32;
    static final int MAX_DEPARTMENTS_PER_USER = 20;
    static final int MAX_VISIBLE_TO = 200;

    record TenantAnswer(String tenantId, String adminUserId) {
    }

    record IdAnswer(String id) {
    }

    record MemberView(String id, String account, String name, boolean disabled) {
    }

    record UserPageView(long total, List<MemberView> users) {
    }

    record DepartmentView(String id, String name, List<DepartmentView> children, List<MemberView> members) {
    }

    private final OrgClients org;
    private final BearerAuthenticator auth;
    private final ObjectMapper json;

    AdminRoutes(OrgClients org, BearerAuthenticator auth, ObjectMapper json) {
        this.org = org;
        this.auth = auth;
        this.json = json;
    }

    void register(Javalin app) {
        app.post("/admin/tenants", this::createTenant);
        app.post("/admin/departments", this::createDepartment);
        app.get("/admin/departments/tree", this::tree);
        app.patch("/admin/departments/{id}", this::changeDepartment);
        app.delete("/admin/departments/{id}", this::deleteDepartment);
        app.put("/admin/departments/{id}/admins/{userId}", this::setDepartmentAdmin);
        app.get("/admin/users", this::listUsers);
        app.post("/admin/users", this::createUser);
        app.patch("/admin/users/{id}", this::updateUser);
        app.put("/admin/visibility/{departmentId}", this::setVisibility);
    }

    private Caller caller(Context ctx) throws ImException {
        return auth.authenticate(ctx.header("Authorization"));
    }

    private JsonRequest body(Context ctx, String... fields) throws ImException {
        return JsonRequest.parse(json, ctx.bodyAsBytes(), Set.of(fields));
    }

    private static long pathId(Context ctx, String name) throws ImException {
        long id = JsonRequest.parseId(name, ctx.pathParam(name));
        if (id == 0) {
            throw JsonRequest.bad(name + " must be a positive id");
        }
        return id;
    }

    private void createTenant(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        JsonRequest b = body(ctx, "code", "name", "adminAccount", "adminPassword");
        TenantCreated t = org.tenants().get().createTenant(caller, b.string("code", MAX_TENANT_CODE),
                b.string("name", MAX_NAME), b.string("adminAccount", MAX_ACCOUNT),
                b.string("adminPassword", MAX_PASSWORD));
        ctx.json(new TenantAnswer(Ids.of(t.tenantId()), Ids.of(t.adminUserId())));
    }

    private void createDepartment(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        JsonRequest b = body(ctx, "parentId", "name");
        long id = org.departments().get().create(caller, b.idOrZero("parentId"), b.string("name", MAX_NAME));
        ctx.json(new IdAnswer(Ids.of(id)));
    }

    /** {@code {name?, parentId?}}: rename and/or move (parentId 0 = to the root). */
    private void changeDepartment(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        long id = pathId(ctx, "id");
        JsonRequest b = body(ctx, "name", "parentId");
        String name = b.optionalString("name", MAX_NAME);
        Long parentId = b.has("parentId") ? b.idOrZero("parentId") : null;
        if (name == null && parentId == null) {
            throw JsonRequest.bad("nothing to change: give name or parentId");
        }
        if (name != null) {
            org.departments().get().rename(caller, id, name);
        }
        if (parentId != null) {
            org.departments().get().move(caller, id, parentId);
        }
        ctx.json(Map.of());
    }

    private void deleteDepartment(Context ctx) throws Exception {
        org.departments().get().delete(caller(ctx), pathId(ctx, "id"));
        ctx.json(Map.of());
    }

    private void setDepartmentAdmin(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        long id = pathId(ctx, "id");
        long userId = pathId(ctx, "userId");
        boolean admin = body(ctx, "admin").bool("admin");
        org.departments().get().setAdmin(caller, id, userId, admin);
        ctx.json(Map.of());
    }

    /** A virtual root {@code {id: "0", name: "", children: [top-level departments], members: []}}. */
    private void tree(Context ctx) throws Exception {
        List<DepartmentNode> tops = org.departments().get().tree(caller(ctx));
        ctx.json(new DepartmentView("0", "", tops.stream().map(AdminRoutes::view).toList(), List.of()));
    }

    private static DepartmentView view(DepartmentNode n) {
        return new DepartmentView(Ids.of(n.id()), n.name(), n.children().stream().map(AdminRoutes::view).toList(),
                n.members().stream().map(AdminRoutes::view).toList());
    }

    private static MemberView view(MemberSummary m) {
        return new MemberView(Ids.of(m.userId()), m.account(), m.name(), m.disabled());
    }

    /** {@code ?departmentId=&page=&size=}: the tenant (no departmentId) or a subtree, by id; paging per PROTOCOL.md. */
    private void listUsers(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        long departmentId = queryNumber(ctx, "departmentId", 0, Long.MAX_VALUE);
        int page = (int) queryNumber(ctx, "page", 1, 1_000_000);
        int size = (int) queryNumber(ctx, "size", 20, UserService.MAX_PAGE_SIZE);
        UserPage users = org.users().get().list(caller, departmentId, page, size);
        ctx.json(new UserPageView(users.total(), users.users().stream().map(AdminRoutes::view).toList()));
    }

    /** A query parameter of digits within [min or 0, max]; absent = {@code defaultValue}. */
    private static long queryNumber(Context ctx, String name, long defaultValue, long max) throws ImException {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return defaultValue;
        }
        long v = JsonRequest.parseId(name, text);
        if (v > max || (defaultValue > 0 && v < 1)) {
            throw JsonRequest.bad(name + " must be in [" + (defaultValue > 0 ? 1 : 0) + ", " + max + "]");
        }
        return v;
    }

    private void createUser(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        JsonRequest b = body(ctx, "account", "password", "name", "departmentIds");
        long id = org.users().get().create(caller, b.string("account", MAX_ACCOUNT), b.string("password", MAX_PASSWORD),
                b.string("name", MAX_NAME), b.ids("departmentIds", MAX_DEPARTMENTS_PER_USER));
        ctx.json(new IdAnswer(Ids.of(id)));
    }

    private void updateUser(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        long id = pathId(ctx, "id");
        JsonRequest b = body(ctx, "name", "departmentIds", "disabled");
        UserPatch patch = new UserPatch(b.optionalString("name", MAX_NAME),
                b.optionalIds("departmentIds", MAX_DEPARTMENTS_PER_USER), b.optionalBool("disabled"));
        org.users().get().update(caller, id, patch);
        ctx.json(Map.of());
    }

    /** {@code {visibleTo: [ids]}}; an absent or null {@code visibleTo} clears the rule. */
    private void setVisibility(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        long id = pathId(ctx, "departmentId");
        JsonRequest b = body(ctx, "visibleTo");
        org.visibility().get().setVisibility(caller, id, b.optionalIds("visibleTo", MAX_VISIBLE_TO));
        ctx.json(Map.of());
    }
}
