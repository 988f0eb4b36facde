package im.systemtest.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import im.api.access.AccessPushService;
import im.api.access.PushRequest;
import im.api.access.PushResult;
import im.api.protocol.CommonResp;
import im.api.protocol.Kickout;
import im.api.protocol.LoginResp;
import im.api.protocol.MsgAck;
import im.api.protocol.MsgPush;
import im.api.protocol.Platform;
import im.infra.auth.AccessToken;
import im.infra.auth.TokenCodec;
import im.infra.config.CommonSettings;
import im.infra.dubbo.DubboNode;
import im.infra.dubbo.ServiceTokens;
import im.testkit.FreePorts;
import im.testkit.ServiceProcess;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.LongCodec;
import org.redisson.client.codec.StringCodec;

/**
 * Two im-access processes on real Redis and ZooKeeper, reached by plain TCP and WebSocket clients:
 * login, kickout across the nodes on both transports, idle close, route removal on close and expiry
 * after a SIGKILL, load in ZooKeeper, push with retries through Dubbo addressed to one node, and
 * the fuzz answers while a well-behaved client on the same node sees no error. Short timeouts come
 * from the environment (idle 3 s, route TTL 6 s, login 2 s, push retry 500 ms).
 */
@ExtendWith(StackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessGatewayIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String REGISTRY_GROUP = "dubbo-access-it-" + RUN;
    private static final String NODE_A = "im-access-it-a-" + RUN;
    private static final String NODE_B = "im-access-it-b-" + RUN;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Node a;
    private static Node b;
    private static TokenCodec tokens;
    private static RedissonClient redis;
    private static DubboNode dubbo;

    private record Node(ServiceProcess process, String instanceId, int tcp, int ws) {
    }

    @BeforeAll
    static void startNodes(Stack stack) throws Exception {
        redis = stack.redisson();
        tokens = new TokenCodec(Base64.getDecoder().decode(stack.config().string("auth.token.secret")));
        a = start(stack, NODE_A);
        b = start(stack, NODE_B);
        a.process().awaitHealthy(ServiceProcess.STARTUP_WAIT);
        b.process().awaitHealthy(ServiceProcess.STARTUP_WAIT);
        // The deployment's tokens: the test calls access nodes directly (no registry URL to take them from).
        dubbo = new DubboNode(new CommonSettings("im-system-tests", "im-system-tests-access", "127.0.0.1", 1, 1,
                stack.zkAddress(), stack.namespace(), REGISTRY_GROUP, 5000), ServiceTokens.from(stack.config()));
        dubbo.start();
    }

    private static Node start(Stack stack, String instanceId) throws IOException {
        int tcp = FreePorts.take();
        int ws = FreePorts.take();
        Map<String, String> env = new HashMap<>();
        env.put("IM_DUBBO_REGISTRY_GROUP", REGISTRY_GROUP);
        env.put("IM_GATEWAY_TCP_PORT", Integer.toString(tcp));
        env.put("IM_GATEWAY_WS_PORT", Integer.toString(ws));
        env.put("IM_HTTP_PORT", Integer.toString(FreePorts.take()));
        env.put("IM_GATEWAY_IDLE_TIMEOUT_SECONDS", "3");
        env.put("IM_GATEWAY_ROUTE_TTL_SECONDS", "6");
        env.put("IM_GATEWAY_LOGIN_TIMEOUT_SECONDS", "2");
        env.put("IM_GATEWAY_PUSH_RETRY_MS", "500");
        env.put("IM_GATEWAY_LOAD_PUBLISH_MS", "300");
        return new Node(ServiceProcess.start(stack.repoRoot(), "im-access", instanceId, env), instanceId, tcp, ws);
    }

    @AfterAll
    static void stopNodes() {
        if (dubbo != null) {
            dubbo.close();
        }
        if (a != null) {
            a.process().close();
        }
        if (b != null) {
            b.process().close();
        }
    }

    @Test
    void login_shouldAnswerTheUserAndTheStreamHead_andWriteTheRoute() throws Exception {
        long user = newUser();
        redis.getBucket("im:seq:" + user, LongCodec.INSTANCE).set(123L);
        try (TcpTestClient c = new TcpTestClient(a.tcp())) {
            LoginResp resp = c.login(token(user), Platform.DESKTOP);

            assertThat(resp.getCode()).isZero();
            assertThat(resp.getUserId()).isEqualTo(user);
            assertThat(resp.getTenantId()).isEqualTo(3L);
            assertThat(resp.getMaxSeq()).isEqualTo(123L);
            assertThat(route(user, 1)).startsWith(NODE_A + "|127.0.0.1:");
        }
    }

    @Test
    void kickout_acrossNodes_overTcp_shouldReachTheOlderDevice() throws Exception {
        long user = newUser();
        try (TcpTestClient older = new TcpTestClient(a.tcp()); TcpTestClient newer = new TcpTestClient(b.tcp())) {
            assertThat(older.login(token(user), Platform.DESKTOP).getCode()).isZero();
            older.heartbeatEvery(Duration.ofSeconds(1));

            assertThat(newer.login(token(user), Platform.DESKTOP).getCode()).isZero();
            newer.heartbeatEvery(Duration.ofSeconds(1));

            assertKickedWithReason1(older);
            assertThat(route(user, 1)).startsWith(NODE_B + "|");
            assertThat(metric(a, "im_access_kicks_total", "where=\"local\"")).isGreaterThanOrEqualTo(1);
            await(() -> metric(b, "im_access_kicks_total", "where=\"remote\"") >= 1, "remote kick counted on B");
            assertThat(newer.closedByServer()).isFalse();
        }
    }

    @Test
    void kickout_acrossNodes_overWebSocket_shouldReachTheOlderDevice() throws Exception {
        long user = newUser();
        try (WsTestClient older = new WsTestClient(b.ws()); WsTestClient newer = new WsTestClient(a.ws())) {
            assertThat(older.login(token(user), Platform.WEB).getCode()).isZero();
            older.heartbeatEvery(Duration.ofSeconds(1));

            assertThat(newer.login(token(user), Platform.WEB).getCode()).isZero();
            newer.heartbeatEvery(Duration.ofSeconds(1));

            assertKickedWithReason1(older);
            assertThat(route(user, 3)).startsWith(NODE_A + "|");
            assertThat(metric(a, "im_access_connections", "transport=\"ws\"", "platform=\"web\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(newer.closedByServer()).isFalse();
        }
    }

    @Test
    void idleConnection_shouldBeClosed_andItsRouteRemoved() throws Exception {
        long user = newUser();
        try (TcpTestClient c = new TcpTestClient(a.tcp())) {
            assertThat(c.login(token(user), Platform.MOBILE).getCode()).isZero();
            assertThat(route(user, 2)).isNotNull();

            assertThat(c.awaitServerClose(WAIT)).as("closed after 3 s without a frame").isTrue();
            assertThat(metric(a, "im_access_closes_total", "reason=\"idle\"")).isGreaterThanOrEqualTo(1);
            await(() -> route(user, 2) == null, "route removed after the idle close");
        }
    }

    @Test
    void heartbeats_shouldKeepAConnectionOpen_pastTheIdleTimeout() throws Exception {
        long user = newUser();
        try (TcpTestClient c = new TcpTestClient(b.tcp())) {
            assertThat(c.login(token(user), Platform.MOBILE).getCode()).isZero();
            c.heartbeatEvery(Duration.ofSeconds(1));

            await(() -> c.heartbeatAnswers() >= 8, "eight heartbeats answered (past the 3 s idle timeout)");
            assertThat(c.closedByServer()).isFalse();
            assertThat(route(user, 2)).startsWith(NODE_B + "|");
        }
    }

    @Test
    void clientClose_shouldRemoveTheRoute() throws Exception {
        long user = newUser();
        TcpTestClient c = new TcpTestClient(b.tcp());
        assertThat(c.login(token(user), Platform.DESKTOP).getCode()).isZero();
        assertThat(route(user, 1)).startsWith(NODE_B + "|");

        c.close();

        await(() -> route(user, 1) == null, "route removed after the client closed");
    }

    @Test
    void load_shouldBePublishedInZooKeeper_inTheFormatTheHttpLoginReads(Stack stack) throws Exception {
        long user = newUser();
        try (TcpTestClient c = new TcpTestClient(a.tcp()); CuratorFramework testZk = stack.newCurator()) {
            CuratorFramework zk = testZk.usingNamespace(null); // the absolute path: the namespace's directory
            assertThat(c.login(token(user), Platform.DESKTOP).getCode()).isZero();
            c.heartbeatEvery(Duration.ofSeconds(1));
            ObjectMapper json = new ObjectMapper();
            String path = "/" + stack.namespace().zkRoot() + "/access/nodes/" + NODE_A;

            await(() -> {
                try {
                    return json.readTree(zk.getData().forPath(path)).path("load").asInt() >= 1;
                } catch (Exception e) {
                    return false;
                }
            }, "load >= 1 published");
            JsonNode node = json.readTree(zk.getData().forPath(path));
            assertThat(node.path("instanceId").asText()).isEqualTo(NODE_A);
            assertThat(node.path("tcp").asText()).isEqualTo("127.0.0.1:" + a.tcp());
            assertThat(node.path("ws").asText()).isEqualTo("ws://127.0.0.1:" + a.ws() + "/ws");
        }
    }

    @Test
    void push_throughDubboToTheNodeOfTheRoute_shouldBeRetriedUntilAcked() throws Exception {
        long user = newUser();
        try (TcpTestClient c = new TcpTestClient(b.tcp())) {
            assertThat(c.login(token(user), Platform.DESKTOP).getCode()).isZero();
            c.heartbeatEvery(Duration.ofSeconds(1));
            String[] route = route(user, 1).split("\\|");
            AccessPushService node = dubbo.directReference(AccessPushService.class, "im-access", route[1]);
            byte[] body = MsgPush.getDefaultInstance().toByteArray();

            PushResult result = node.push(new PushRequest(user, WireFrame.MSG_PUSH, body, 5, 0));

            assertThat(result.written()).isEqualTo(1);
            for (int i = 0; i < 3; i++) { // gateway.push.max-tries=3, 500 ms apart
                assertThat(c.next(Duration.ofSeconds(10)).cmd()).isEqualTo(WireFrame.MSG_PUSH);
            }
            // Never acked: after the last try it is reported to im-logic, which is not running here,
            // so the report fails and is counted.
            await(() -> metric(b, "im_access_push_undelivered_total") >= 1, "push reported undelivered");
            await(() -> metric(b, "im_access_push_undelivered_report_failures_total") >= 1, "report failure counted");
            assertThat(c.drain()).as("no fourth copy").isEmpty();
            c.send(new WireFrame(WireFrame.MSG_ACK, 0, MsgAck.newBuilder().setMaxSeq(6).build().toByteArray()));
            assertThat(node.push(new PushRequest(user, WireFrame.MSG_PUSH, body, 6, 0)).written()).isEqualTo(1);
            assertThat(c.next(Duration.ofSeconds(10)).cmd()).isEqualTo(WireFrame.MSG_PUSH);
            c.send(new WireFrame(WireFrame.MSG_ACK, 0, MsgAck.newBuilder().setMaxSeq(6).build().toByteArray()));
            long connectionId = Long.parseLong(route[2]);
            assertThat(node.push(new PushRequest(user, WireFrame.MSG_PUSH, body, 7, connectionId)).written())
                    .as("the excluded connection gets nothing").isZero();
            Thread.sleep(1500); // three retry periods: an acked push must not come back
            assertThat(c.drain()).isEmpty();
        }
    }

    @Test
    void fuzz_shouldAnswerEachBadClientAndClose_whileAWellBehavedClientSeesNoError() throws Exception {
        long goodUser = newUser();
        try (TcpTestClient good = new TcpTestClient(a.tcp()); WsTestClient goodWs = new WsTestClient(a.ws())) {
            assertThat(good.login(token(goodUser), Platform.DESKTOP).getCode()).isZero();
            assertThat(goodWs.login(token(goodUser), Platform.WEB).getCode()).isZero();
            good.heartbeatEvery(Duration.ofMillis(300));
            goodWs.heartbeatEvery(Duration.ofMillis(300));
            Random random = new Random(20261123L);

            for (int i = 0; i < 20; i++) {
                byte[] garbage = new byte[4 + random.nextInt(200)];
                random.nextBytes(garbage);
                garbage[0] = 0x7f; // headLength can never be 20
                expectErrorAndClose(a.tcp(), garbage, 1000);
            }
            expectErrorAndClose(a.tcp(), header(16, 3, 41, 0), 1000);
            expectErrorAndClose(a.tcp(), header(20, 3, 42, -5), 1000);
            expectErrorAndClose(a.tcp(), header(20, 10, 43, Integer.MAX_VALUE), 1009);
            expectErrorAndClose(a.tcp(), header(20, 555, 44, 0), 1000);
            expectErrorAndClose(a.tcp(), frame(1, 45, new byte[] {(byte) 0xff, (byte) 0xff, 0x01}), 1000);
            expectErrorAndClose(a.tcp(), frame(10, 46, new byte[0]), 1001); // SEND_REQ before login
            expectErrorAndClose(a.tcp(), frame(3, 47, new byte[0]), 1001); // heartbeat before login
            byte[] truncated = new byte[10];
            System.arraycopy(header(20, 1, 48, 100), 0, truncated, 0, 10);
            expectErrorAndClose(a.tcp(), truncated, 1001); // never completed: the 2 s login timeout answers
            expectFloodClose();
            try (WsTestClient ws = new WsTestClient(a.ws())) {
                ws.sendRaw(header(20, 777, 49, 0));
                assertError(ws.next(WAIT), 49, 1000);
                assertThat(ws.awaitServerClose(WAIT)).isTrue();
            }

            assertThat(good.errors()).isEmpty();
            assertThat(goodWs.errors()).isEmpty();
            assertThat(good.closedByServer()).isFalse();
            assertThat(goodWs.closedByServer()).isFalse();
            assertThat(good.heartbeatAnswers()).isPositive();
            assertThat(goodWs.heartbeatAnswers()).isPositive();
            assertThat(a.process().isAlive()).isTrue();
            assertThat(metric(a, "im_access_closes_total", "reason=\"flood\"")).isGreaterThanOrEqualTo(1);
            assertThat(metric(a, "im_access_closes_total", "reason=\"login_timeout\"")).isGreaterThanOrEqualTo(1);
            assertThat(metric(a, "im_access_bad_frames_total", "code=\"1009\"")).isGreaterThanOrEqualTo(1);
            assertThat(metric(a, "im_access_rate_limited_total")).isGreaterThanOrEqualTo(100);
        }
    }

    /** Last: kills node B with SIGKILL; its routes must expire by their TTL. */
    @Test
    @Order(Integer.MAX_VALUE)
    void routes_ofAKilledNode_shouldExpire() throws Exception {
        long user = newUser();
        TcpTestClient c = new TcpTestClient(b.tcp());
        assertThat(c.login(token(user), Platform.MOBILE).getCode()).isZero();
        assertThat(route(user, 2)).startsWith(NODE_B + "|");

        b.process().kill();

        assertThat(c.awaitServerClose(WAIT)).isTrue();
        await(() -> route(user, 2) == null, "route expired after the node died");
        c.close();
    }

    private static void expectErrorAndClose(int port, byte[] bytes, int code) throws Exception {
        try (TcpTestClient bad = new TcpTestClient(port)) {
            bad.sendRaw(bytes);
            WireFrame f = bad.next(WAIT);
            assertThat(f.cmd()).isEqualTo(WireFrame.ERROR);
            assertThat(CommonResp.parseFrom(f.body()).getCode()).as(TestClient.describe(f)).isEqualTo(code);
            assertThat(bad.awaitServerClose(WAIT)).isTrue();
        }
    }

    private static void expectFloodClose() throws Exception {
        try (TcpTestClient flood = new TcpTestClient(a.tcp())) {
            assertThat(flood.login(token(newUser()), Platform.MOBILE).getCode()).isZero();
            ByteBuffer burst = ByteBuffer.allocate(20 * 500);
            for (int i = 0; i < 500; i++) {
                burst.put(header(20, 3, i, 0));
            }
            flood.sendRaw(burst.array());

            assertThat(flood.awaitServerClose(WAIT)).isTrue();
            assertThat(flood.errors()).isNotEmpty().allSatisfy(f ->
                    assertThat(CommonResp.parseFrom(f.body()).getCode()).isEqualTo(1429));
            assertThat(flood.heartbeatAnswers()).isPositive();
        }
    }

    private static void assertKickedWithReason1(TestClient older) throws Exception {
        WireFrame f = older.next(WAIT);
        assertThat(f.cmd()).isEqualTo(WireFrame.KICKOUT);
        assertThat(Kickout.parseFrom(f.body()).getReason()).isEqualTo(1);
        assertThat(older.awaitServerClose(WAIT)).isTrue();
    }

    private static void assertError(WireFrame f, int seq, int code) throws Exception {
        assertThat(f.cmd()).isEqualTo(WireFrame.ERROR);
        assertThat(f.seq()).isEqualTo(seq);
        assertThat(CommonResp.parseFrom(f.body()).getCode()).isEqualTo(code);
    }

    private static byte[] header(int headLength, int cmd, int seq, int bodyLength) {
        return ByteBuffer.allocate(20).putInt(headLength).putInt(1).putInt(cmd).putInt(seq).putInt(bodyLength).array();
    }

    private static byte[] frame(int cmd, int seq, byte[] body) {
        return new WireFrame(cmd, seq, body).encode();
    }

    /**
     * The sum of every series of Prometheus metric {@code name} on a node's admin port that carries
     * each of {@code labels} (as the exposition writes them, e.g. {@code reason="idle"}).
     */
    private static double metric(Node node, String name, String... labels) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + node.process().adminPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            double sum = 0;
            for (String line : r.body().split("\n")) {
                if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                    continue;
                }
                boolean all = true;
                for (String label : labels) {
                    all &= line.contains(label);
                }
                if (all) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String route(long user, int platform) {
        return redis.<String>getBucket("im:route:" + user + ":" + platform, StringCodec.INSTANCE).get();
    }

    private static String token(long user) {
        long now = System.currentTimeMillis();
        return tokens.encode(new AccessToken(tokens.newTokenId(), 3L, user, now - 1000, now + 3_600_000));
    }

    private static long newUser() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(50);
        }
    }
}
