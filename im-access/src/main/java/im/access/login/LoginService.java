package im.access.login;

import im.access.metrics.GatewayMetrics;
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
import im.infra.route.Route;
import im.infra.route.RouteTable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.LongCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One login: signature and expiry checked locally, then, asynchronously on Redis (no thread waits,
 * no event loop blocks), the revocation check and the stream head {@code im:seq:<userId>} in one round
 * trip, then the atomic route swap that also remembers the device; the device the swap displaced is
 * kicked (reason 1). At most {@code maxPending} logins are in flight per node; past that a login is
 * answered 1503 at once. Thread-safe.
 */
public final class LoginService implements LoginGate {
    private static final Logger log = LoggerFactory.getLogger(LoginService.class);

    private final TokenCodec tokens;
    private final TokenRevocations revocations;
    private final RedissonClient redis;
    private final RouteTable routes;
    private final RemoteKicker kicker;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    private final String instanceId;
    private final String dubboAddress;
    private final GatewayMetrics metrics;

    public LoginService(TokenCodec tokens, TokenRevocations revocations, RedissonClient redis, RouteTable routes,
                        RemoteKicker kicker, int maxPending, String instanceId, String dubboAddress,
                        GatewayMetrics metrics) {
        this.tokens = tokens;
        this.revocations = revocations;
        this.redis = redis;
        this.routes = routes;
        this.kicker = kicker;
        this.maxPending = maxPending;
        this.instanceId = instanceId;
        this.dubboAddress = dubboAddress;
        this.metrics = metrics;
    }

    /** The Redis key of a user's stream head, owned by im-logic. */
    static String seqKey(long userId) {
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
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            metrics.login("busy");
            return CompletableFuture.completedFuture(LoginOutcome.refused(ErrorCode.BUSY, "too many logins, retry"));
        }
        CompletableFuture<LoginOutcome> outcome;
        try {
            outcome = admit(token, request, connection);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        return outcome.handle((o, failure) -> {
            pending.decrementAndGet();
            if (failure != null) {
                log.warn("Failed to log in: {userId={}}: {}", token.userId(), failure.toString());
                return LoginOutcome.refused(ErrorCode.BUSY, "login unavailable, retry");
            }
            return o;
        });
    }

    private CompletableFuture<LoginOutcome> admit(AccessToken token, LoginReq request, Connection connection) {
        RBatch batch = redis.createBatch();
        CompletableFuture<Boolean> revoked = revocations.isRevoked(batch, token);
        CompletableFuture<Long> maxSeq = batch.<Long>getBucket(seqKey(token.userId()), LongCodec.INSTANCE).getAsync()
                .toCompletableFuture();
        return batch.executeAsync().toCompletableFuture().thenCompose(done -> {
            if (revoked.join()) {
                return CompletableFuture.completedFuture(LoginOutcome.refused(ErrorCode.UNAUTHENTICATED,
                        "token revoked"));
            }
            int platform = request.getPlatformValue();
            Route route = new Route(instanceId, dubboAddress, connection.id());
            return routes.registerAsync(token.userId(), platform, request.getDeviceId(), route).thenApply(previous -> {
                if (previous != null && !previous.equals(route)) {
                    kicker.kick(previous, token.userId(), SessionKicker.REASON_LOGGED_IN_ELSEWHERE,
                            "logged in on another device");
                }
                SessionIdentity identity = new SessionIdentity(token.userId(), token.tenantId(), platform,
                        request.getDeviceId(), route, token);
                Long head = maxSeq.join();
                return LoginOutcome.ok(identity, head == null ? 0 : head);
            });
        });
    }
}
