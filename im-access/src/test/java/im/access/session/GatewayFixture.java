package im.access.session;

import im.access.login.LoginService;
import im.access.login.RemoteKicker;
import im.access.metrics.GatewayMetrics;
import im.access.push.PushDelivery;
import im.access.push.UndeliveredReporter;
import im.access.transport.PipelineStages;
import im.access.transport.Transport;
import im.access.transport.codec.Frame;
import im.access.transport.codec.FrameCodec;
import im.access.transport.codec.FrameDecoder;
import im.access.transport.codec.FrameEncoder;
import im.api.access.UndeliveredPush;
import im.api.message.MessageService;
import im.api.protocol.Command;
import im.api.protocol.LoginReq;
import im.api.protocol.Platform;
import im.infra.auth.AccessToken;
import im.infra.auth.TokenCodec;
import im.infra.auth.TokenRevocations;
import im.infra.route.RouteTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.HashedWheelTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.dubbo.rpc.RpcException;
import org.redisson.api.RedissonClient;

/**
 * The gateway's session components over real Redis, for {@link EmbeddedChannel} tests: logins run
 * on the calling thread (EmbeddedChannel's loop is the test thread), timeouts are long enough never
 * to fire during a test, undelivered reports are collected in {@link #undelivered}.
 */
final class GatewayFixture implements AutoCloseable {
    static final String INSTANCE = "im-access-test";
    static final int MAX_BODY = FrameCodec.DEFAULT_MAX_BODY_BYTES;
    static final String DEVICE = "dev-1";

    final TokenCodec tokens;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final GatewayMetrics metrics = new GatewayMetrics(meters);
    final SessionRegistry registry = new SessionRegistry();
    final RouteTable routes;
    final HashedWheelTimer wheel = new HashedWheelTimer(100, TimeUnit.MILLISECONDS);
    final List<UndeliveredPush> undelivered = new ArrayList<>();
    final UndeliveredReporter reporter;
    final PushDelivery pushes;
    final SessionServices services;
    final RedissonClient redis;

    GatewayFixture(RedissonClient redis, String secretBase64, int ratePerSecond, int rateBurst, int maxRejections) {
        // no logic tier in these tests: every call fails as Dubbo fails without a provider
        this(redis, secretBase64, ratePerSecond, rateBurst, maxRejections, GatewayFixture::noProvider, 1024);
    }

    /**
     * @param messages        the logic tier the gateway calls
     * @param maxNodeInFlight {@code gateway.max-in-flight.node}
     */
    GatewayFixture(RedissonClient redis, String secretBase64, int ratePerSecond, int rateBurst, int maxRejections,
                   Supplier<MessageService> messages, int maxNodeInFlight) {
        this.redis = redis;
        this.tokens = new TokenCodec(Base64.getDecoder().decode(secretBase64));
        this.routes = new RouteTable(redis, Duration.ofSeconds(60));
        SessionKicker kicker = new SessionKicker(registry, metrics);
        RemoteKicker remote = new RemoteKicker(INSTANCE, kicker, address -> {
            throw new IllegalStateException("no other node in this test");
        }, Runnable::run, metrics);
        LoginService login = new LoginService(tokens, new TokenRevocations(redis), redis, routes, remote, 1000,
                INSTANCE, "127.0.0.1:1", metrics);
        this.reporter = new UndeliveredReporter(() -> pushes -> {
            synchronized (undelivered) {
                undelivered.addAll(pushes);
            }
            return CompletableFuture.completedFuture(null);
        }, metrics);
        this.pushes = new PushDelivery(wheel, 60_000, 3, 4, INSTANCE, reporter, metrics);
        ConnectionTimers timers = new ConnectionTimers(wheel, metrics, 60_000, 60_000, 60_000);
        LogicCalls logic = new LogicCalls(messages, GatewayFixture::noProvider, metrics, 8, maxNodeInFlight, 300, MAX_BODY);
        // the login's Redis round trips are asynchronous: waited for here, so that a test's written()
        // sees the answer as soon as it runs the channel's pending tasks
        LoginGate waitingLogin = (request, connection) ->
                CompletableFuture.completedFuture(login.login(request, connection).join());
        this.services = new SessionServices(registry, waitingLogin, routes, pushes, logic, kicker, timers, metrics, MAX_BODY,
                ratePerSecond, rateBurst, maxRejections, TimeUnit.SECONDS.toNanos(20));
    }

    private static <T> T noProvider() {
        throw new RpcException(RpcException.NETWORK_EXCEPTION, "No provider available in this test");
    }

    /** A TCP pipeline as {@code TcpServer} builds it. */
    EmbeddedChannel tcpChannel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline()
                .addLast(PipelineStages.FRAME_DECODER, new FrameDecoder(MAX_BODY, () -> { }))
                .addLast(PipelineStages.FRAME_ENCODER, new FrameEncoder(() -> { }))
                .addLast(PipelineStages.SESSION, new SessionHandler(services, Transport.TCP));
        return ch;
    }

    /** A TCP pipeline logged in as {@code user} on {@code platform}, device {@value #DEVICE}. */
    EmbeddedChannel loggedIn(long user, Platform platform) {
        EmbeddedChannel ch = tcpChannel();
        ch.writeInbound(encode(login(1, token(user), platform)));
        List<Frame> out = written(ch);
        if (out.size() != 1 || out.get(0).cmd() != Command.LOGIN_RESP) {
            throw new AssertionError("expected one LOGIN_RESP, got " + out);
        }
        return ch;
    }

    static Connection connection(EmbeddedChannel ch) {
        return ((SessionHandler) ch.pipeline().get(PipelineStages.SESSION)).connection();
    }

    static Frame login(int seq, String token, Platform platform) {
        return Frame.of(Command.LOGIN_REQ, seq, LoginReq.newBuilder().setToken(token).setDeviceId(DEVICE)
                .setPlatform(platform).build());
    }

    String token(long userId) {
        long now = System.currentTimeMillis();
        return tokens.encode(new AccessToken(tokens.newTokenId(), 7L, userId, now - 1000, now + 3_600_000));
    }

    static long newUserId() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    }

    static ByteBuf encode(Frame... frames) {
        ByteBuf buf = Unpooled.buffer();
        for (Frame f : frames) {
            FrameCodec.encode(f, buf);
        }
        return buf;
    }

    /** Every frame the channel wrote so far, decoded. */
    static List<Frame> written(EmbeddedChannel ch) {
        ch.runPendingTasks();
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            all.writeBytes(b);
            b.release();
        }
        List<Frame> out = new ArrayList<>();
        for (Frame f; (f = FrameCodec.tryDecode(all, Integer.MAX_VALUE)) != null; ) {
            out.add(f);
        }
        return out;
    }

    @Override
    public void close() {
        reporter.close();
        wheel.stop();
    }
}
