package im.access;

import im.access.http.HttpApiServer;
import im.access.http.OrgClients;
import im.access.http.RedPacketRoutes;
import im.access.load.LoadPublisher;
import im.access.login.LoginService;
import im.access.login.RemoteKicker;
import im.access.metrics.GatewayMetrics;
import im.access.push.AccessPushEndpoint;
import im.access.push.PushDelivery;
import im.access.push.UndeliveredReporter;
import im.access.session.ConnectionTimers;
import im.access.session.ConversationLoadBalance;
import im.access.session.LogicCalls;
import im.access.session.RevokedSessionKicker;
import im.access.session.RouteKeeper;
import im.access.session.SessionKicker;
import im.access.session.SessionRegistry;
import im.access.session.SessionServices;
import im.access.transport.EventLoops;
import im.access.transport.tcp.TcpServer;
import im.access.transport.websocket.WebSocketServer;
import im.api.access.AccessPushService;
import im.api.access.PushDeliveryListener;
import im.api.message.MessageService;
import im.api.receipt.ReceiptService;
import im.api.search.SearchService;
import im.infra.auth.KickAnnouncements;
import im.infra.auth.TokenCodec;
import im.infra.auth.TokenRevocations;
import im.infra.config.ConfigException;
import im.infra.dubbo.DubboNode;
import im.infra.redis.RedisHealth;
import im.infra.redis.RedissonFactory;
import im.infra.route.RouteTable;
import im.infra.service.BoundedExecutors;
import im.infra.service.ServiceHost;
import im.infra.zk.CuratorFactory;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.redisson.api.RedissonClient;

/**
 * Composition root of im-access: the long-connection gateway (TCP + WebSocket) and the HTTP API.
 * Stateless except for its live sessions; routes live in Redis. Calls im-logic and im-org-service.
 * {@code java -jar im-access.jar deploy/config/im-access.properties}.
 */
public final class AccessBootstrap {
    private AccessBootstrap() {
    }

    public static void main(String[] args) {
        ServiceHost.run("im-access", args, host -> {

            RedissonClient redis = RedissonFactory.create(host.config());
            host.lifecycle().register("redis", redis::shutdown);

            // HTTP API (PROTOCOL.md "HTTP API"): Javalin on its own threads, org and search calls over Dubbo.
            CuratorFramework httpZk = CuratorFactory.create(host.config(), 15_000, 10_000);
            host.lifecycle().register("http-zk", httpZk::close);
            host.lifecycle().register("http-api", new HttpApiServer(host.config(), OrgClients.declare(host.dubbo()),
                    host.dubbo().reference(SearchService.class, "im-ext-logic"), redis, httpZk,
                    host.settings().adminPort(), RedPacketRoutes.declare(host.dubbo()))).start();

            startGateway(host, redis);

            host.admin().addCheck("redis", RedisHealth.of(redis));
            host.callsService("im-logic").callsService("im-org-service");
        });
    }

    /**
     * The long-connection gateway: TCP and WebSocket servers over one set of event loops, sessions
     * and routes, kicks and pushes through {@link AccessPushService} (group {@code im-access}), and the
     * load published to ZooKeeper. Everything closes in reverse order of registration.
     */
    private static void startGateway(ServiceHost host, RedissonClient redis) throws Exception {
        GatewaySettings gateway = GatewaySettings.from(host.config());
        String instanceId = host.settings().instanceId();
        String dubboAddress = host.settings().dubboAddress();
        GatewayMetrics metrics = new GatewayMetrics(host.metrics());

        // One wheel thread for every connection's login, idle and slow-consumer timeouts and push retries.
        HashedWheelTimer wheel = new HashedWheelTimer(new DefaultThreadFactory("access-wheel", true),
                100, TimeUnit.MILLISECONDS, 1024);
        ConnectionTimers timers = host.lifecycle().register("gateway-wheel", new ConnectionTimers(wheel, metrics,
                gateway.loginTimeoutMillis(), gateway.idleTimeoutMillis(), gateway.slowConsumerMillis()));
        SessionRegistry sessions = new SessionRegistry();
        SessionKicker kicker = new SessionKicker(sessions, metrics);
        RouteTable routes = new RouteTable(redis, Duration.ofSeconds(gateway.routeTtlSeconds()));
        ScheduledExecutorService routeChecks = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("access-route-keeper", true));
        host.lifecycle().register("gateway-route-checks", routeChecks::shutdownNow);
        host.lifecycle().register("gateway-route-keeper", new RouteKeeper(redis, routes, sessions, metrics, instanceId,
                Duration.ofMillis(gateway.routeCheckMillis()), routeChecks));
        // A disabled account's sessions, and those of revoked tokens, close at once on every node.
        host.lifecycle().register("gateway-kick-announcements", new KickAnnouncements(redis).subscribe(
                new RevokedSessionKicker(sessions, kicker, redis, new TokenRevocations(redis))));

        ThreadPoolExecutor kickPool = BoundedExecutors.create("access-kick", 2, 10_000);
        host.lifecycle().register("gateway-kick-pool", kickPool::shutdownNow);
        RemoteKicker remoteKicker = new RemoteKicker(instanceId, kicker,
                address -> host.dubbo().directReference(AccessPushService.class, "im-access", address), kickPool, metrics);
        LoginService login = new LoginService(new TokenCodec(tokenSecret(host)), new TokenRevocations(redis), redis,
                routes, remoteKicker, gateway.maxPendingLogins(), instanceId, dubboAddress, metrics);

        var undeliveredListener = host.dubbo().reference(PushDeliveryListener.class, "im-logic");
        UndeliveredReporter reporter = host.lifecycle().register("gateway-undelivered",
                new UndeliveredReporter(undeliveredListener::get, metrics));
        PushDelivery delivery = new PushDelivery(wheel, gateway.pushRetryMillis(), gateway.pushMaxTries(),
                gateway.maxUnackedPushes(), instanceId, reporter, metrics);
        host.dubbo().export(AccessPushService.class,
                new AccessPushEndpoint(sessions, delivery, kicker, gateway.maxBodyBytes()), "im-access");

        // A conversation's sends all reach one logic node, so several sends in flight keep the order the
        // device sent them in and two nodes never take turns on one conversation.
        DubboNode.Reference<MessageService> messages = host.dubbo().reference(MessageService.class, "im-logic",
                ConversationLoadBalance.NAME);
        DubboNode.Reference<ReceiptService> receipts = host.dubbo().reference(ReceiptService.class,
                ReceiptService.GROUP);
        LogicCalls logic = new LogicCalls(messages::get, receipts::get, metrics, gateway.maxInFlight(),
                gateway.maxNodeInFlight(), gateway.maxSendWaitMillis(), gateway.maxBodyBytes());
        SessionServices services = new SessionServices(sessions, login, routes, delivery, logic, kicker, timers, metrics,
                gateway.maxBodyBytes(), gateway.ratePerSecond(), gateway.rateBurst(), gateway.maxRateRejections(),
                TimeUnit.SECONDS.toNanos(gateway.routeTtlSeconds()) / 3);
        WriteBufferWaterMark waterMark = new WriteBufferWaterMark(gateway.writeBufferLowBytes(),
                gateway.writeBufferHighBytes());
        EventLoops loops = host.lifecycle().register("gateway-event-loops", new EventLoops(gateway.workerThreads()));
        String bindHost = gateway.bindHost();
        host.lifecycle().register("gateway-tcp", new TcpServer(loops, bindHost, gateway.tcpPort(),
                gateway.maxBodyBytes(), waterMark, services, metrics));
        host.lifecycle().register("gateway-ws", new WebSocketServer(loops, bindHost, gateway.wsPort(),
                gateway.maxBodyBytes(), gateway.loginTimeoutMillis(), waterMark, services, metrics));

        CuratorFramework gatewayZk = CuratorFactory.create(host.config(), 15_000, 10_000);
        host.lifecycle().register("gateway-zk", gatewayZk::close);
        host.lifecycle().register("gateway-load", new LoadPublisher(gatewayZk, instanceId, gateway.tcpEndpoint(),
                gateway.wsEndpoint(), metrics::openConnections, gateway.loadPublishMillis()));
    }

    private static byte[] tokenSecret(ServiceHost host) {
        try {
            return Base64.getDecoder().decode(host.config().string("auth.token.secret"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("auth.token.secret must be base64: " + e.getMessage());
        }
    }
}
