package im.access.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import im.api.ImException;
import im.api.org.Caller;
import im.api.org.GroupInfo;
import im.api.org.GroupPage;
import im.api.org.GroupService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a member sees of its groups (docs/api.md): {@code GET /groups?page=&size=} (its groups),
 * {@code GET /groups/{id}} (info), {@code PATCH /groups/{id}} {@code {name?, announcement?}} (owner or
 * admin) and {@code PUT /groups/{id}/owner} {@code {userId}} (owner). Roles are checked by
 * im-org-service; every change is a GROUP_EVENT in the members' streams. Handlers run on Jetty's
 * request threads; stateless and thread-safe.
 */
final class GroupInfoRoutes {
    record InfoView(String groupId, String name, String ownerId, String announcement, int memberCount, String myRole,
                    boolean muted) {
        static InfoView of(GroupInfo g) {
            return new InfoView(Ids.of(g.groupId()), g.name(), Ids.of(g.ownerId()), g.announcement(), g.memberCount(),
                    g.myRole().name(), g.muted());
        }
    }

    record PageView(long total, List<InfoView> groups) {
    }

    private final OrgClients org;
    private final BearerAuthenticator auth;
    private final ObjectMapper json;

    GroupInfoRoutes(OrgClients org, BearerAuthenticator auth, ObjectMapper json) {
        this.org = org;
        this.auth = auth;
        this.json = json;
    }

    void register(Javalin app) {
        app.get("/groups", this::myGroups);
        app.get("/groups/{id}", this::info);
        app.patch("/groups/{id}", this::update);
        app.put("/groups/{id}/owner", this::transfer);
    }

    private Caller caller(Context ctx) throws ImException {
        return auth.authenticate(ctx.header("Authorization"));
    }

    private static long groupId(Context ctx) throws ImException {
        long id = JsonRequest.parseId("id", ctx.pathParam("id"));
        if (id == 0) {
            throw JsonRequest.bad("id must be a positive id");
        }
        return id;
    }

    private void myGroups(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        QueryParams q = QueryParams.of(ctx, Set.of("page", "size"));
        GroupPage page = org.groups().get().myGroups(caller, q.page(), q.size(GroupService.MAX_PAGE_SIZE));
        ctx.json(new PageView(page.total(), page.groups().stream().map(InfoView::of).toList()));
    }

    private void info(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        ctx.json(InfoView.of(org.groups().get().info(caller, groupId(ctx))));
    }

    private void update(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        long id = groupId(ctx);
        JsonRequest b = JsonRequest.parse(json, ctx.bodyAsBytes(), Set.of("name", "announcement"));
        String name = b.optionalString("name", AdminRoutes.MAX_NAME);
        String announcement = b.optionalString("announcement", GroupService.MAX_ANNOUNCEMENT);
        if (name == null && announcement == null) {
            throw JsonRequest.bad("nothing to change: give name or announcement");
        }
        org.groups().get().updateInfo(caller, id, name, announcement);
        ctx.json(Map.of());
    }

    private void transfer(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        long id = groupId(ctx);
        long newOwner = JsonRequest.parse(json, ctx.bodyAsBytes(), Set.of("userId")).id("userId");
        org.groups().get().transferOwnership(caller, id, newOwner);
        ctx.json(Map.of());
    }
}
