package im.access.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import im.access.GatewaySettings;
import im.api.ErrorCode;
import im.api.ImException;
import im.api.search.SearchService;
import im.infra.auth.TokenCodec;
import im.infra.auth.TokenRevocations;
import im.infra.config.ConfigException;
import im.infra.config.ImConfig;
import im.infra.dubbo.DubboNode;
import im.infra.route.RouteTable;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Base64;
import org.apache.curator.framework.CuratorFramework;
import org.apache.dubbo.rpc.RpcException;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API server: Javalin under {@code /api/v1} on {@code bind.client.host}:{@code http.port},
 * with its own bounded thread pool ({@code http-api-*}, {@code http.threads} threads, 1,000 queued
 * requests, then Jetty refuses) so that blocking org calls never touch the gateway's event loops.
 * Maps every failure to PROTOCOL.md's status and {@link ErrorBody}: an {@link ImException} to its
 * code, a Dubbo failure (no provider, timeout) to 503 {@code BUSY}, anything else to 500.
 */
public final class HttpApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApiServer.class);
    /** Largest accepted body: 10,000 ids as strings of 19 digits take about 220 KB. */
    private static final long MAX_BODY_BYTES = 1024 * 1024;

    private static final ImException STARTING = ImException.stackless(ErrorCode.BUSY, "starting, retry shortly");

    private final Javalin app;
    private final String host;
    private final int port;
    private final int adminPort;
    /** Set once the admin port listens; see {@link #serviceStarted()}. */
    private volatile boolean ready;

    /**
     * @param search    im-ext-logic's archive search (group {@code im-ext-logic})
     * @param zk        a ZooKeeper client with namespace {@code im}, for the access nodes' load
     * @param adminPort this process's admin port: requests get 503 until it listens (ServiceHost opens
     *                  it after Dubbo started), so no handler touches a Dubbo reference before its
     *                  node started (a premature {@code ReferenceConfig.get()} starts Dubbo's module
     *                  early, before the process declared all its exports)
     * @param redPackets the wallet and red-packet routes (im-redpacket)
     */
    public HttpApiServer(ImConfig config, OrgClients org, DubboNode.Reference<SearchService> search,
                         RedissonClient redis, CuratorFramework zk, int adminPort, RedPacketRoutes redPackets) {
        this.host = config.ipAddress(GatewaySettings.CLIENT_BIND_KEY, "127.0.0.1");
        this.port = config.intValue("http.port", 1, 65535);
        this.adminPort = adminPort;
        int threads = config.intValue("http.threads", 32, 4, 512);
        ObjectMapper json = new ObjectMapper();
        BearerAuthenticator auth = new BearerAuthenticator(new TokenCodec(tokenSecret(config)),
                new TokenRevocations(redis));
        QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(4, threads), 60_000,
                new BlockingArrayQueue<>(64, 64, 1000));
        pool.setName("http-api");
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.router.contextPath = "/api/v1";
            c.router.ignoreTrailingSlashes = true;
            c.http.maxRequestSize = MAX_BODY_BYTES;
            c.http.defaultContentType = "application/json";
            c.jsonMapper(new JavalinJackson(json, false));
            c.jetty.threadPool = pool;
            StaticApps.from(config).installInto(c);
        });
        app.before(ctx -> {
            if (!ready && !serviceStarted()) {
                throw STARTING;
            }
        });
        app.exception(ImException.class, (e, ctx) -> fail(ctx, e.code(), e.getMessage()));
        app.exception(RpcException.class, (e, ctx) -> {
            String service = RpcFailures.serviceOf(e);
            log.warn("Failed to call {}: {path={}}: {}", service, ctx.path(), e.toString());
            fail(ctx, ErrorCode.BUSY, service + " unavailable, retry later");
        });
        app.exception(Exception.class, (e, ctx) -> {
            log.error("Failed to handle HTTP request: {method={}, path={}}", ctx.method(), ctx.path(), e);
            fail(ctx, ErrorCode.INTERNAL, "internal error");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || !ctx.result().startsWith("{")) {
                ctx.json(new ErrorBody(ErrorCode.NOT_FOUND.code(), "no such route: " + ctx.method() + " " + ctx.path()));
            }
        });
        app.error(405, ctx -> ctx.json(new ErrorBody(ErrorCode.BAD_REQUEST.code(), "method not allowed")));
        app.error(413, ctx -> ctx.json(new ErrorBody(ErrorCode.TOO_LARGE.code(), "body too large")));
        new AuthRoutes(org, new AccessNodeDirectory(zk, json), json).register(app);
        new AdminRoutes(org, auth, json).register(app);
        new GroupRoutes(org, auth, json).register(app);
        new SearchRoutes(search, org, auth).register(app);
        redPackets.register(app, auth, json);
        new DirectoryRoutes(org, auth).register(app);
        new AccountRoutes(org, auth, json).register(app);
        new GroupInfoRoutes(org, auth, json).register(app);
        new PresenceRoutes(org, auth, RouteTable.reader(redis)).register(app);
    }

    private static void fail(Context ctx, ErrorCode code, String message) {
        ctx.status(code.httpStatus()).json(new ErrorBody(code.code(), message == null ? code.name() : message));
    }

    /** True (and remembered) once the admin port accepts a connection. */
    private boolean serviceStarted() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(host, adminPort), 200);
            ready = true;
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public HttpApiServer start() {
        app.start(host, port);
        log.info("HTTP API listening on http://{}:{}/api/v1", host, port);
        return this;
    }

    @Override
    public void close() {
        app.stop();
    }

    /** {@code auth.token.secret}: base64 of at least 32 bytes (the same key im-org-service signs with). */
    static byte[] tokenSecret(ImConfig config) {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(config.string("auth.token.secret"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("key 'auth.token.secret' must be base64: " + e.getMessage());
        }
        if (secret.length < 32) {
            throw new ConfigException("key 'auth.token.secret' must decode to at least 32 bytes, was " + secret.length);
        }
        return secret;
    }
}
