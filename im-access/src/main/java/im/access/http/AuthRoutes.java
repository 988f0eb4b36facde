package im.access.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import im.api.org.LoginResult;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /auth/login} (anyone) and {@code POST /auth/logout} (the token's owner). Handlers run
 * on Jetty's request threads; stateless and thread-safe.
 */
final class AuthRoutes {
    /** The login answer; ids as strings. */
    record LoginAnswer(String token, String userId, String tenantId, long expiresAt,
                       List<AccessNodeDirectory.Endpoint> endpoints) {
    }

    private static final Set<String> LOGIN_FIELDS = Set.of("tenantCode", "account", "password");

    private final OrgClients org;
    private final AccessNodeDirectory nodes;
    private final ObjectMapper json;

    AuthRoutes(OrgClients org, AccessNodeDirectory nodes, ObjectMapper json) {
        this.org = org;
        this.nodes = nodes;
        this.json = json;
    }

    void register(Javalin app) {
        app.post("/auth/login", this::login);
        app.post("/auth/logout", this::logout);
    }

    private void login(Context ctx) throws Exception {
        JsonRequest body = JsonRequest.parse(json, ctx.bodyAsBytes(), LOGIN_FIELDS);
        String tenantCode = body.string("tenantCode", 32);
        String account = body.string("account", 64);
        String password = body.string("password", 72);
        LoginResult r = org.auth().get().login(tenantCode, account, password);
        ctx.json(new LoginAnswer(r.token(), Ids.of(r.userId()), Ids.of(r.tenantId()), r.expiresAt(),
                nodes.leastLoadedFirst()));
    }

    private void logout(Context ctx) throws Exception {
        org.auth().get().logout(BearerAuthenticator.rawToken(ctx.header("Authorization")));
        ctx.json(Map.of());
    }
}
