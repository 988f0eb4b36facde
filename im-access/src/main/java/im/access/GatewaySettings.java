package im.access;

import im.access.transport.codec.FrameCodec;
import im.infra.config.ConfigException;
import im.infra.config.ImConfig;

/**
 * The gateway's settings, read once from the service configuration and checked here so a bad value
 * stops the process at start-up with the key's name. Defaults are PROTOCOL.md's numbers.
 *
 * @param tcpPort              {@code gateway.tcp.port}, default 9000
 * @param wsPort               {@code gateway.ws.port}, default 9001 (path {@code /ws})
 * @param bindHost             {@code bind.client.host}: the address the TCP and WebSocket listeners bind to (the
 *                             HTTP API too), an IP literal, default 127.0.0.1; internal ports have their own
 *                             key, {@code bind.internal.host} (docs/security.md)
 * @param advertiseHost        {@code gateway.advertise.host}: the host clients connect to, default {@code bind.client.host}
 *                             (required when that is a wildcard)
 * @param maxBodyBytes         {@code gateway.max-body-bytes}, default 65536
 * @param loginTimeoutMillis   {@code gateway.login-timeout-seconds}, default 10: the first frame must be a
 *                             {@code LOGIN_REQ} that succeeds within it
 * @param idleTimeoutMillis    {@code gateway.idle-timeout-seconds}, default 75: a connection with no frame
 *                             for this long is closed (clients send a heartbeat every 30 s)
 * @param routeTtlSeconds      {@code gateway.route-ttl-seconds}, default 180: a route not refreshed by a
 *                             heartbeat for this long expires, so a crashed node's users go offline; must
 *                             exceed the idle timeout
 * @param pushRetryMillis      {@code gateway.push.retry-ms}, default 3300: a MSG_PUSH not acknowledged after
 *                             it is written again; after {@code pushMaxTries} writes and one more wait it
 *                             is reported undelivered (3 tries: about 10 s)
 * @param pushMaxTries         {@code gateway.push.max-tries}, default 3
 * @param maxUnackedPushes     {@code gateway.push.max-unacked}, default 256: the per-connection in-flight cap;
 *                             a push past it is not written and reported undelivered (the client will SYNC)
 * @param writeBufferLowBytes  {@code gateway.write-buffer.low-bytes}, default 32768
 * @param writeBufferHighBytes {@code gateway.write-buffer.high-bytes}, default 262144: past it the
 *                             connection is unwritable; pushes to it are skipped
 * @param slowConsumerMillis   {@code gateway.slow-consumer-grace-ms}, default 10000: a connection still
 *                             unwritable after this is closed as a slow consumer
 * @param ratePerSecond        {@code gateway.rate.per-second}, default 50: frames per second after login
 * @param rateBurst            {@code gateway.rate.burst}, default 100
 * @param maxRateRejections    {@code gateway.rate.max-rejections}, default 100: consecutive 1429 answers
 *                             after which the connection is closed as a flood
 * @param maxPendingLogins     {@code gateway.login.max-pending}, default 4096: logins waiting for Redis
 *                             (asynchronously); past it a LOGIN_RESP 1503 answers at once
 * @param maxInFlight          {@code gateway.max-in-flight}, default 64: logic-tier requests one connection
 *                             may have unanswered; past it a request is answered 1429 at once
 * @param maxNodeInFlight      {@code gateway.max-in-flight.node}, default 0 (no cap): logic-tier requests the
 *                             whole node may have unanswered; past it a request is answered 1503 at
 *                             once, so that under overload admitted requests wait about this many
 *                             divided by the logic tier's rate. Off by default: on a CPU-bound box a
 *                             fixed cap cut p99 2-3x but also the served rate by 30-45%
 *                             (docs/benchmarks.md)
 * @param maxSendWaitMillis    {@code gateway.send.max-wait-ms}, default 1000: a SEND that waited this long at
 *                             the gateway for its route's call to im-logic is answered 1503 instead of sent
 *                             (overload: the queue in front of the logic tier holds at most this much; 300
 *                             refused 6% of sends at 1,000 msg/s offered on the 2-core box without
 *                             lowering p99, whose seconds are spent inside im-logic's batches)
 * @param workerThreads        {@code gateway.io-threads}, default 0 (Netty's 2 x cores)
 * @param loadPublishMillis    {@code gateway.load-publish-ms}, default 3000
 * @param routeCheckMillis     {@code gateway.route-check-ms}, default 5000: how often the node checks that
 *                             Redis still holds its keys; when it lost them, the node writes the routes of
 *                             all its connections again (RouteKeeper)
 */
public record GatewaySettings(String bindHost, int tcpPort, int wsPort, String advertiseHost, int maxBodyBytes,
                              long loginTimeoutMillis, long idleTimeoutMillis, int routeTtlSeconds,
                              long pushRetryMillis, int pushMaxTries, int maxUnackedPushes,
                              int writeBufferLowBytes, int writeBufferHighBytes, long slowConsumerMillis,
                              int ratePerSecond, int rateBurst, int maxRateRejections,
                              int maxPendingLogins, int maxInFlight, int maxNodeInFlight, long maxSendWaitMillis,
                              int workerThreads,
                              long loadPublishMillis, long routeCheckMillis) {

    public static final String WS_PATH = "/ws";

    /** The key of the address every client listener binds to. */
    public static final String CLIENT_BIND_KEY = "bind.client.host";

    public GatewaySettings {
        if (advertiseHost.equals("0.0.0.0") || advertiseHost.equals("::")) {
            throw new ConfigException("key 'gateway.advertise.host' must be the address clients reach this node at"
                    + " (required when bind.client.host is a wildcard), was '" + advertiseHost + "'");
        }
        if (routeTtlSeconds * 1000L <= idleTimeoutMillis) {
            throw new ConfigException("gateway.route-ttl-seconds (" + routeTtlSeconds
                    + ") must exceed gateway.idle-timeout-seconds (" + idleTimeoutMillis / 1000 + ")");
        }
        if (writeBufferLowBytes > writeBufferHighBytes) {
            throw new ConfigException("gateway.write-buffer.low-bytes must not exceed gateway.write-buffer.high-bytes");
        }
    }

    public static GatewaySettings from(ImConfig c) {
        String bind = c.ipAddress(CLIENT_BIND_KEY, "127.0.0.1");
        return new GatewaySettings(
                bind,
                c.intValue("gateway.tcp.port", 9000, 1, 65535),
                c.intValue("gateway.ws.port", 9001, 1, 65535),
                c.string("gateway.advertise.host", bind),
                c.intValue("gateway.max-body-bytes", FrameCodec.DEFAULT_MAX_BODY_BYTES, 1024, 16 << 20),
                c.intValue("gateway.login-timeout-seconds", 10, 1, 600) * 1000L,
                c.intValue("gateway.idle-timeout-seconds", 75, 1, 3600) * 1000L,
                c.intValue("gateway.route-ttl-seconds", 180, 2, 86_400),
                c.intValue("gateway.push.retry-ms", 3300, 50, 600_000),
                c.intValue("gateway.push.max-tries", 3, 1, 20),
                c.intValue("gateway.push.max-unacked", 256, 1, 65_536),
                c.intValue("gateway.write-buffer.low-bytes", 32 * 1024, 1024, 64 << 20),
                c.intValue("gateway.write-buffer.high-bytes", 256 * 1024, 1024, 64 << 20),
                c.intValue("gateway.slow-consumer-grace-ms", 10_000, 100, 600_000),
                c.intValue("gateway.rate.per-second", 50, 1, 100_000),
                c.intValue("gateway.rate.burst", 100, 1, 1_000_000),
                c.intValue("gateway.rate.max-rejections", 100, 1, 1_000_000),
                c.intValue("gateway.login.max-pending", 4096, 1, 1_000_000),
                c.intValue("gateway.max-in-flight", 64, 1, 10_000),
                c.intValue("gateway.max-in-flight.node", 0, 0, 1_000_000),
                c.intValue("gateway.send.max-wait-ms", 1000, 1, 60_000),
                c.intValue("gateway.io-threads", 0, 0, 1024),
                c.intValue("gateway.load-publish-ms", 3000, 100, 600_000),
                c.intValue("gateway.route-check-ms", 5000, 100, 600_000));
    }

    /** The TCP endpoint as the login answer lists it, {@code host:port}. */
    public String tcpEndpoint() {
        return advertiseHost + ":" + tcpPort;
    }

    /** The WebSocket endpoint as the login answer lists it. */
    public String wsEndpoint() {
        return "ws://" + advertiseHost + ":" + wsPort + WS_PATH;
    }
}
