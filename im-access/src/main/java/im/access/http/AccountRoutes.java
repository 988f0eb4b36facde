package im.access.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import im.api.org.LoginResult;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Set;

/**
 * The caller's own account (docs/api.md): {@code GET /me} (its directory profile) and
 * {@code PUT /me/password} {@code {oldPassword, newPassword}}, which revokes every token of the user
 * and closes its live sessions on every access node (KICKOUT reason 3), answering a fresh token.
 * Handlers run on Jetty's request threads; stateless and thread-safe.
 */
final class AccountRoutes {
    /** A fresh token after a password change; ids as strings. */
    record TokenAnswer(String token, String userId, String tenantId, long expiresAt) {
    }

    private static final Set<String> PASSWORD_FIELDS = Set.of("oldPassword", "newPassword");

    private final OrgClients org;
    private final BearerAuthenticator auth;
    private final ObjectMapper json;

    AccountRoutes(OrgClients org, BearerAuthenticator auth, ObjectMapper json) {
        this.org = org;
        this.auth = auth;
        this.json = json;
    }

    void register(Javalin app) {
        app.get("/me", this::me);
        app.put("/me/password", this::changePassword);
    }

    private void me(Context ctx) throws Exception {
        QueryParams.of(ctx, Set.of());
        ctx.json(DirectoryRoutes.ProfileView.of(org.directory().get().me(auth.authenticate(ctx.header("Authorization")))));
    }

    private void changePassword(Context ctx) throws Exception {
        auth.authenticate(ctx.header("Authorization")); // 401 before the body is even read
        JsonRequest b = JsonRequest.parse(json, ctx.bodyAsBytes(), PASSWORD_FIELDS);
        String oldPassword = b.string("oldPassword", 128);
        String newPassword = b.string("newPassword", 72);
        LoginResult r = org.auth().get().changePassword(BearerAuthenticator.rawToken(ctx.header("Authorization")),
                oldPassword, newPassword);
        ctx.json(new TokenAnswer(r.token(), Ids.of(r.userId()), Ids.of(r.tenantId()), r.expiresAt()));
    }
}
