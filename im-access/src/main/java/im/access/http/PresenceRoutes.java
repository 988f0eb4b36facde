package im.access.http;

import im.api.org.Caller;
import im.api.org.DirectoryService;
import im.api.org.UserProfile;
import im.infra.route.Route;
import im.infra.route.RouteTable;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /presence?ids=} (docs/api.md): which of up to 200 users are online and on which
 * platforms, read from the routes the access nodes keep in Redis ({@link RouteTable}); nothing is
 * stored for it. Visibility is im-org-service's: the ids pass through {@link DirectoryService#profiles}
 * first, so a user hidden from the caller (or unknown) is left out of the answer and another
 * tenant's is refused. Handlers run on Jetty's request threads; stateless and thread-safe.
 */
final class PresenceRoutes {
    /** PROTOCOL.md {@code Platform} names by number. */
    private static final String[] PLATFORM_NAMES = {"PLATFORM_UNSPECIFIED", "DESKTOP", "MOBILE", "WEB"};

    record PresenceView(String userId, boolean online, List<String> platforms) {
    }

    private final OrgClients org;
    private final BearerAuthenticator auth;
    private final RouteTable routes;

    PresenceRoutes(OrgClients org, BearerAuthenticator auth, RouteTable routes) {
        this.org = org;
        this.auth = auth;
        this.routes = routes;
    }

    void register(Javalin app) {
        app.get("/presence", this::presence);
    }

    private void presence(Context ctx) throws Exception {
        Caller caller = auth.authenticate(ctx.header("Authorization"));
        List<Long> ids = QueryParams.of(ctx, Set.of("ids")).ids("ids", DirectoryService.MAX_BATCH);
        List<Long> visible = org.directory().get().profiles(caller, ids).stream().map(UserProfile::userId).toList();
        Map<Long, Map<Integer, Route>> online = routes.lookup(visible);
        List<PresenceView> out = new ArrayList<>(visible.size());
        for (long id : visible) {
            Map<Integer, Route> devices = online.getOrDefault(id, Map.of());
            List<String> platforms = new ArrayList<>(devices.size());
            for (int p : RouteTable.PLATFORMS) {
                if (devices.containsKey(p)) {
                    platforms.add(PLATFORM_NAMES[p]);
                }
            }
            out.add(new PresenceView(Ids.of(id), !platforms.isEmpty(), platforms));
        }
        ctx.json(Map.of("users", out));
    }
}
