package im.access.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import im.api.ImException;
import im.api.org.Caller;
import im.api.org.GroupMember;
import im.api.org.GroupService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The group routes of PROTOCOL.md, plus {@code PUT /groups/{id}/admins/{userId}} {@code {admin}}
 * (owner only). Roles are checked by im-org-service. Handlers run on Jetty's request threads;
 * stateless and thread-safe.
 */
final class GroupRoutes {
    record GroupAnswer(String groupId) {
    }

    record MemberView(String userId, String name, String role, boolean muted) {
    }

    private final OrgClients org;
    private final BearerAuthenticator auth;
    private final ObjectMapper json;

    GroupRoutes(OrgClients org, BearerAuthenticator auth, ObjectMapper json) {
        this.org = org;
        this.auth = auth;
        this.json = json;
    }

    void register(Javalin app) {
        app.post("/groups", this::create);
        app.post("/groups/{id}/members", this::addMembers);
        app.get("/groups/{id}/members", this::listMembers);
        app.delete("/groups/{id}/members/{userId}", this::removeMember);
        app.put("/groups/{id}/mute/{userId}", this::mute);
        app.put("/groups/{id}/admins/{userId}", this::setAdmin);
        app.delete("/groups/{id}", this::dismiss);
    }

    private Caller caller(Context ctx) throws ImException {
        return auth.authenticate(ctx.header("Authorization"));
    }

    private static long pathId(Context ctx, String name) throws ImException {
        long id = JsonRequest.parseId(name, ctx.pathParam(name));
        if (id == 0) {
            throw JsonRequest.bad(name + " must be a positive id");
        }
        return id;
    }

    private void create(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        JsonRequest b = JsonRequest.parse(json, ctx.bodyAsBytes(), Set.of("name", "memberIds"));
        long id = org.groups().get().create(caller, b.string("name", AdminRoutes.MAX_NAME),
                b.ids("memberIds", GroupService.MAX_MEMBERS));
        ctx.json(new GroupAnswer(Ids.of(id)));
    }

    private void addMembers(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        long id = pathId(ctx, "id");
        JsonRequest b = JsonRequest.parse(json, ctx.bodyAsBytes(), Set.of("userIds"));
        org.groups().get().addMembers(caller, id, b.ids("userIds", GroupService.MAX_MEMBERS));
        ctx.json(Map.of());
    }

    private void listMembers(Context ctx) throws Exception {
        List<GroupMember> members = org.groups().get().listMembers(caller(ctx), pathId(ctx, "id"));
        ctx.json(members.stream().map(m -> new MemberView(Ids.of(m.userId()), m.name(), m.role().name(),
                m.muted())).toList());
    }

    private void removeMember(Context ctx) throws Exception {
        org.groups().get().removeMember(caller(ctx), pathId(ctx, "id"), pathId(ctx, "userId"));
        ctx.json(Map.of());
    }

    private void mute(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        long id = pathId(ctx, "id");
        long userId = pathId(ctx, "userId");
        boolean muted = JsonRequest.parse(json, ctx.bodyAsBytes(), Set.of("muted")).bool("muted");
        org.groups().get().setMuted(caller, id, userId, muted);
        ctx.json(Map.of());
    }

    private void setAdmin(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        long id = pathId(ctx, "id");
        long userId = pathId(ctx, "userId");
        boolean admin = JsonRequest.parse(json, ctx.bodyAsBytes(), Set.of("admin")).bool("admin");
        org.groups().get().setAdmin(caller, id, userId, admin);
        ctx.json(Map.of());
    }

    private void dismiss(Context ctx) throws Exception {
        org.groups().get().dismiss(caller(ctx), pathId(ctx, "id"));
        ctx.json(Map.of());
    }
}
