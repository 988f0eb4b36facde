package im.access.session;

import im.api.protocol.LoginReq;
import java.util.concurrent.CompletableFuture;

/**
 * Decides a login off the event loop (token, revocation, route, kick of the previous device).
 * Implemented by {@code im.access.login.LoginService}.
 */
@FunctionalInterface
public interface LoginGate {
    /**
     * @param request a parsed request with a known platform
     * @return completes, never exceptionally, with the outcome
     */
    CompletableFuture<LoginOutcome> login(LoginReq request, Connection connection);
}
