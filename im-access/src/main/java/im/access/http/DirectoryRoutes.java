package im.access.http;

import im.api.ImException;
import im.api.org.Caller;
import im.api.org.DirectoryDepartment;
import im.api.org.DirectoryPage;
import im.api.org.DirectoryService;
import im.api.org.UserProfile;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The employee directory (docs/api.md), answered by im-org-service's {@link DirectoryService} with
 * the visibility rules applied: {@code GET /users?ids=}, {@code GET /directory/departments?parentId=},
 * {@code GET /directory/departments/{id}/members?page=&size=}, {@code GET /directory/search?q=&page=&size=}.
 * Handlers run on Jetty's request threads; stateless and thread-safe.
 */
final class DirectoryRoutes {
    /** A profile; ids as strings, each department as its path of names from the top. */
    record ProfileView(String userId, String account, String name, String title, String avatarUrl,
                       List<List<String>> departments, boolean disabled) {
        static ProfileView of(UserProfile p) {
            return new ProfileView(Ids.of(p.userId()), p.account(), p.name(), p.title(), p.avatarUrl(),
                    p.departments(), p.disabled());
        }
    }

    record DepartmentView(String id, String parentId, String name, int memberCount, int childCount) {
    }

    record PageView(long total, List<ProfileView> users) {
        static PageView of(DirectoryPage p) {
            return new PageView(p.total(), p.users().stream().map(ProfileView::of).toList());
        }
    }

    private final OrgClients org;
    private final BearerAuthenticator auth;

    DirectoryRoutes(OrgClients org, BearerAuthenticator auth) {
        this.org = org;
        this.auth = auth;
    }

    void register(Javalin app) {
        app.get("/users", this::profiles);
        app.get("/directory/departments", this::departments);
        app.get("/directory/departments/{id}/members", this::members);
        app.get("/directory/search", this::search);
    }

    private Caller caller(Context ctx) throws ImException {
        return auth.authenticate(ctx.header("Authorization"));
    }

    private void profiles(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        List<Long> ids = QueryParams.of(ctx, Set.of("ids")).ids("ids", DirectoryService.MAX_BATCH);
        List<UserProfile> found = org.directory().get().profiles(caller, ids);
        ctx.json(Map.of("users", found.stream().map(ProfileView::of).toList()));
    }

    private void departments(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        long parentId = QueryParams.of(ctx, Set.of("parentId")).number("parentId", 0, 0, Long.MAX_VALUE);
        List<DirectoryDepartment> children = org.directory().get().departments(caller, parentId);
        ctx.json(Map.of("departments", children.stream().map(d -> new DepartmentView(Ids.of(d.departmentId()),
                Ids.of(d.parentId()), d.name(), d.memberCount(), d.childCount())).toList()));
    }

    private void members(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        long id = JsonRequest.parseId("id", ctx.pathParam("id"));
        if (id == 0) {
            throw JsonRequest.bad("id must be a positive id");
        }
        QueryParams q = QueryParams.of(ctx, Set.of("page", "size"));
        ctx.json(PageView.of(org.directory().get().members(caller, id, q.page(), q.size(DirectoryService.MAX_PAGE_SIZE))));
    }

    private void search(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        QueryParams q = QueryParams.of(ctx, Set.of("q", "page", "size"));
        String text = q.text("q", DirectoryService.MAX_QUERY);
        ctx.json(PageView.of(org.directory().get().search(caller, text, q.page(), q.size(DirectoryService.MAX_PAGE_SIZE))));
    }
}
