package im.access.login;

import im.access.metrics.GatewayMetrics;
import im.infra.route.Route;
import im.infra.route.RouteTable;
import im.access.session.Connection;
import im.access.session.LoginGate;
import im.access.session.LoginOutcome;
import im.access.session.SessionIdentity;
import im.access.session.SessionKicker;
import im.api.ErrorCode;
import im.api.ImException;
import im.api.protocol.LoginReq;
import im.infra.auth.AccessToken;
import im.infra.auth.TokenCodec;
import im.infra.auth.TokenRevocations;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.LongCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One login: signature and expiry checked locally, then on a bounded pool (Redis round trips must
 * not run on an event loop) the revocation check, the stream head {@code im:seq:<userId>} and the
 * atomic route swap; the device the swap displaced is kicked (reason 1). A full pool answers 1503
 * at once. Thread-safe.
 */
public final class LoginService implements LoginGate {
    private static final Logger log = LoggerFactory.getLogger(LoginService.class);

    private final TokenCodec tokens;
    private final TokenRevocations revocations;
    private final RedissonClient redis;
    private final RouteTable routes;
    private final RemoteKicker kicker;
    private final Executor executor;
    private final String instanceId;
    private final String dubboAddress;
    private final GatewayMetrics metrics;

    public LoginService(TokenCodec tokens, TokenRevocations revocations, RedissonClient redis, RouteTable routes,
                        RemoteKicker kicker, Executor executor, String instanceId, String dubboAddress,
                        GatewayMetrics metrics) {
        this.tokens = tokens;
        this.revocations = revocations;
        this.redis = redis;
        this.routes = routes;
        this.kicker = kicker;
        this.executor = executor;
        this.instanceId = instanceId;
        this.dubboAddress = dubboAddress;
        this.metrics = metrics;
    }

    /** The Redis key of a user's stream head, owned by im-logic. */
    public static String seqKey(long userId) {
        return "im:seq:" + userId;
    }

    @Override
    public CompletableFuture<LoginOutcome> login(LoginReq request, Connection connection) {
        AccessToken token;
        try {
            token = tokens.verify(request.getToken(), System.currentTimeMillis());
        } catch (ImException e) {
            return CompletableFuture.completedFuture(LoginOutcome.refused(e.code(), e.getMessage()));
        }
        try {
            return CompletableFuture.supplyAsync(() -> admit(token, request, connection), executor);
        } catch (RejectedExecutionException e) {
            metrics.login("busy");
            return CompletableFuture.completedFuture(LoginOutcome.refused(ErrorCode.BUSY, "too many logins, retry"));
        }
    }

    private LoginOutcome admit(AccessToken token, LoginReq request, Connection connection) {
        try {
            if (revocations.isRevoked(token)) {
                return LoginOutcome.refused(ErrorCode.UNAUTHENTICATED, "token revoked");
            }
            Long maxSeq = redis.<Long>getBucket(seqKey(token.userId()), LongCodec.INSTANCE).get();
            int platform = request.getPlatformValue();
            Route route = new Route(instanceId, dubboAddress, connection.id());
            Route previous = routes.register(token.userId(), platform, request.getDeviceId(), route);
            if (previous != null && !previous.equals(route)) {
                kicker.kick(previous, token.userId(), SessionKicker.REASON_LOGGED_IN_ELSEWHERE,
                        "logged in on another device");
            }
            SessionIdentity identity = new SessionIdentity(token.userId(), token.tenantId(), platform,
                    request.getDeviceId(), route);
            return LoginOutcome.ok(identity, maxSeq == null ? 0 : maxSeq);
        } catch (RuntimeException e) {
            log.warn("Failed to log in: {userId={}}: {}", token.userId(), e.toString());
            return LoginOutcome.refused(ErrorCode.BUSY, "login unavailable, retry");
        }
    }
}
