package im.access.session;

import static im.access.session.GatewayFixture.encode;
import static im.access.session.GatewayFixture.newUserId;
import static im.access.session.GatewayFixture.written;
import static org.assertj.core.api.Assertions.assertThat;

import im.access.transport.codec.Frame;
import im.api.ErrorCode;
import im.api.message.MessageService;
import im.api.protocol.Command;
import im.api.protocol.CommonResp;
import im.api.protocol.Kickout;
import im.api.protocol.LoginResp;
import im.api.protocol.MsgAck;
import im.api.protocol.MsgPush;
import im.api.protocol.Platform;
import im.api.protocol.ReceiptQueryReq;
import im.api.protocol.ReceiptQueryResp;
import im.api.protocol.SendReq;
import im.api.protocol.SendResp;
import im.infra.auth.TokenRevocations;
import im.infra.route.Route;
import im.testkit.Stack;
import im.testkit.StackExtension;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.redisson.client.codec.LongCodec;

/**
 * The TCP pipeline ({@code frame-decoder, frame-encoder, session}) in an {@link EmbeddedChannel}
 * with the real login, routes and revocations in Redis: every documented answer of PROTOCOL.md
 * section 4 and the gateway's protections.
 */
@ExtendWith(StackExtension.class)
class SessionHandlerIT {
    private GatewayFixture gw;

    @BeforeEach
    void setUp(Stack stack) {
        gw = new GatewayFixture(stack.redisson(), stack.config().string("auth.token.secret"), 1, 5, 3);
    }

    @AfterEach
    void tearDown() {
        gw.close();
    }

    @Test
    void login_shouldAnswerUserTenantAndMaxSeq_andWriteTheRoute() throws Exception {
        long user = newUserId();
        gw.redis.getBucket("im:seq:" + user, LongCodec.INSTANCE).set(42L);
        EmbeddedChannel ch = gw.tcpChannel();

        ch.writeInbound(encode(login(3, gw.token(user), Platform.DESKTOP)));

        List<Frame> out = written(ch);
        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.cmd()).isEqualTo(Command.LOGIN_RESP);
            assertThat(f.seq()).isEqualTo(3);
            LoginResp r = LoginResp.parseFrom(f.body());
            assertThat(r.getCode()).isZero();
            assertThat(r.getUserId()).isEqualTo(user);
            assertThat(r.getTenantId()).isEqualTo(7L);
            assertThat(r.getMaxSeq()).isEqualTo(42L);
            assertThat(r.getServerTime()).isPositive();
        });
        Map<Integer, Route> routes = gw.routes.lookup(user);
        assertThat(routes).containsOnlyKeys(1);
        assertThat(routes.get(1).instanceId()).isEqualTo(GatewayFixture.INSTANCE);
        assertThat(routes.get(1).connectionId()).isEqualTo(connection(ch).id());
        assertThat(ch.isActive()).isTrue();
        ch.close();
    }

    @Test
    void login_shouldAnswer1001AndClose_whenTokenIsForged() throws Exception {
        EmbeddedChannel ch = gw.tcpChannel();
        String token = gw.token(newUserId());

        ch.writeInbound(encode(login(1, token.substring(0, token.length() - 2) + "xx", Platform.MOBILE)));

        assertThat(written(ch)).singleElement().satisfies(f -> {
            assertThat(f.cmd()).isEqualTo(Command.LOGIN_RESP);
            assertThat(LoginResp.parseFrom(f.body()).getCode()).isEqualTo(ErrorCode.UNAUTHENTICATED.code());
        });
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void login_shouldAnswer1001AndWriteNoRoute_whenTheUserWasDisabled(Stack stack) throws Exception {
        long user = newUserId();
        String token = gw.token(user);
        new TokenRevocations(stack.redisson()).disable(user);
        EmbeddedChannel ch = gw.tcpChannel();

        ch.writeInbound(encode(login(1, token, Platform.WEB)));

        assertThat(written(ch)).singleElement().satisfies(f ->
                assertThat(LoginResp.parseFrom(f.body()).getMessage()).isEqualTo("token revoked"));
        assertThat(ch.isOpen()).isFalse();
        assertThat(gw.routes.lookup(user)).isEmpty();
    }

    @Test
    void heartbeatBeforeLogin_shouldGetError1001EchoingSeq_andClose() throws Exception {
        EmbeddedChannel ch = gw.tcpChannel();

        ch.writeInbound(encode(Frame.empty(Command.HEARTBEAT_REQ, 55)));

        assertError(written(ch), 55, ErrorCode.UNAUTHENTICATED);
        assertThat(ch.isOpen()).isFalse();
    }

    @ParameterizedTest(name = "headLength={0} cmd={1} bodyLength={3} -> {4}")
    @CsvSource({
            "16, 3, 9, 0, 1000",        // headLength != 20
            "20, 3, 9, -1, 1000",       // negative bodyLength
            "20, 10, 9, 65537, 1009",   // one byte over the body limit
            "20, 10, 9, 2147483647, 1009",
            "20, 42, 9, 0, 1000",       // unknown cmd
            "20, -7, 9, 0, 1000",
    })
    void badHeader_shouldGetErrorWithItsCodeEchoingSeq_andClose(int headLength, int cmd, int seq, int bodyLength,
                                                                 int code) throws Exception {
        EmbeddedChannel ch = gw.tcpChannel();
        ByteBuf header = Unpooled.buffer().writeInt(headLength).writeInt(1).writeInt(cmd).writeInt(seq)
                .writeInt(bodyLength);

        ch.writeInbound(header);

        assertError(written(ch), seq, ErrorCode.of(code));
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void garbageLoginBody_shouldGetError1000_andClose() throws Exception {
        EmbeddedChannel ch = gw.tcpChannel();

        ch.writeInbound(encode(new Frame(Command.LOGIN_REQ, 4, new byte[] {(byte) 0xff, (byte) 0xff, 0x0f})));

        assertError(written(ch), 4, ErrorCode.BAD_REQUEST);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void heartbeat_shouldBeAnsweredAtOnce_echoingSeq() {
        EmbeddedChannel ch = loggedIn(newUserId(), Platform.DESKTOP);

        ch.writeInbound(encode(Frame.empty(Command.HEARTBEAT_REQ, 77)));

        assertThat(written(ch)).singleElement().satisfies(f -> {
            assertThat(f.cmd()).isEqualTo(Command.HEARTBEAT_RESP);
            assertThat(f.seq()).isEqualTo(77);
        });
        ch.close();
    }

    @Test
    void logicRequests_withoutAProvider_shouldGetTheirOwnResponseWith1503() throws Exception {
        EmbeddedChannel ch = loggedIn(newUserId(), Platform.DESKTOP);

        ch.writeInbound(encode(
                Frame.of(Command.SEND_REQ, 10, SendReq.newBuilder().setClientMsgId("c-1").setText("hi").build()),
                Frame.of(Command.RECEIPT_QUERY_REQ, 11, ReceiptQueryReq.newBuilder().setMsgId(99).build())));
        ch.runPendingTasks(); // the answers are written on the event loop when the calls complete

        List<Frame> out = written(ch);
        assertThat(out).extracting(Frame::cmd).containsExactly(Command.SEND_RESP, Command.RECEIPT_QUERY_RESP);
        SendResp send = SendResp.parseFrom(out.get(0).body());
        assertThat(send.getCode()).isEqualTo(ErrorCode.BUSY.code());
        assertThat(send.getMessage()).isEqualTo("service unavailable, retry");
        assertThat(send.getClientMsgId()).isEqualTo("c-1");
        assertThat(ReceiptQueryResp.parseFrom(out.get(1).body()).getMsgId()).isEqualTo(99);
        assertThat(ch.isActive()).isTrue();
        ch.close();
    }

    @Test
    void logicRequests_pastTheNodeCap_shouldGet1503AtOnce_andBeAdmittedAgainOnceOneIsAnswered(Stack stack)
            throws Exception {
        List<CompletableFuture<byte[][]>> open = new CopyOnWriteArrayList<>();
        MessageService unanswered = (MessageService) Proxy.newProxyInstance(MessageService.class.getClassLoader(),
                new Class<?>[] {MessageService.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("hashCode") ? 0 : method.getName().equals("equals")
                                ? proxy == args[0] : "unanswered logic tier";
                    }
                    CompletableFuture<byte[][]> f = new CompletableFuture<>(); // sendBatch: the only call here
                    open.add(f);
                    return f;
                });
        try (GatewayFixture capped = new GatewayFixture(stack.redisson(), stack.config().string("auth.token.secret"),
                100, 100, 100, () -> unanswered, 2)) {
            EmbeddedChannel a = loggedIn(capped, newUserId());
            EmbeddedChannel b = loggedIn(capped, newUserId());

            a.writeInbound(encode(send(10, "a-1"), send(11, "a-2")));
            b.writeInbound(encode(send(12, "b-1")));

            assertThat(written(a)).isEmpty(); // both admitted, waiting for the logic tier
            List<Frame> refused = written(b);
            assertThat(refused).extracting(Frame::cmd).containsExactly(Command.SEND_RESP);
            SendResp busy = SendResp.parseFrom(refused.get(0).body());
            assertThat(busy.getCode()).isEqualTo(ErrorCode.BUSY.code());
            assertThat(busy.getMessage()).isEqualTo("server busy: retry with backoff");
            assertThat(busy.getClientMsgId()).isEqualTo("b-1");
            assertThat(capped.meters.get("im.access.shed").counter().count()).isEqualTo(1.0);

            open.get(0).complete(new byte[][] {SendResp.newBuilder().setMsgId(77).setSeq(5).setSendTime(1000)
                    .setClientMsgId("a-1").build().toByteArray()});
            a.runPendingTasks();
            assertThat(SendResp.parseFrom(written(a).get(0).body()).getCode()).isZero();
            b.writeInbound(encode(send(13, "b-2")));
            assertThat(written(b)).isEmpty(); // a slot was freed: admitted
            assertThat(open).hasSize(3);
        }
    }

    private static Frame send(int seq, String clientMsgId) {
        return Frame.of(Command.SEND_REQ, seq, SendReq.newBuilder().setClientMsgId(clientMsgId).setConvTypeValue(1)
                .setToId(2).setText("hi").build());
    }

    @Test
    void garbageRequestBody_afterLogin_shouldGetError1000_andClose() throws Exception {
        EmbeddedChannel ch = loggedIn(newUserId(), Platform.DESKTOP);

        ch.writeInbound(encode(new Frame(Command.SEND_REQ, 12, new byte[] {0x0a, 0x7f})));

        assertError(written(ch), 12, ErrorCode.BAD_REQUEST);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void flood_shouldGet1429Answers_thenErrorAndClose() throws Exception {
        EmbeddedChannel ch = loggedIn(newUserId(), Platform.DESKTOP); // 1/s, burst 5, close after 3 rejections
        Frame[] flood = new Frame[9];
        for (int i = 0; i < flood.length; i++) {
            flood[i] = Frame.empty(Command.HEARTBEAT_REQ, 100 + i);
        }

        ch.writeInbound(encode(flood));

        List<Frame> out = written(ch);
        assertThat(out).hasSize(9);
        assertThat(out.subList(0, 5)).extracting(Frame::cmd).containsOnly(Command.HEARTBEAT_RESP);
        for (Frame f : out.subList(5, 9)) {
            assertThat(f.cmd()).isEqualTo(Command.ERROR);
            assertThat(CommonResp.parseFrom(f.body()).getCode()).isEqualTo(ErrorCode.RATE_LIMITED.code());
        }
        assertThat(ch.isOpen()).isFalse();
        assertThat(gw.meters.get("im.access.closes").tag("reason", "flood").counter().count()).isEqualTo(1.0);
    }

    @Test
    void secondLogin_onTheSamePlatform_shouldKickTheFirstWithReason1_andKeepTheRouteOfTheSecond() throws Exception {
        long user = newUserId();
        EmbeddedChannel first = loggedIn(user, Platform.MOBILE);
        EmbeddedChannel second = loggedIn(user, Platform.MOBILE);

        first.runPendingTasks();
        List<Frame> out = written(first);
        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.cmd()).isEqualTo(Command.KICKOUT);
            assertThat(Kickout.parseFrom(f.body()).getReason()).isEqualTo(1);
        });
        assertThat(first.isOpen()).isFalse();
        assertThat(second.isActive()).isTrue();
        assertThat(gw.registry.connectionsOf(user)).containsExactly(connection(second));
        assertThat(gw.routes.lookup(user).get(2).connectionId()).isEqualTo(connection(second).id());
        second.close();
    }

    @Test
    void otherPlatform_shouldNotBeKicked() {
        long user = newUserId();
        EmbeddedChannel desktop = loggedIn(user, Platform.DESKTOP);
        EmbeddedChannel web = loggedIn(user, Platform.WEB);

        assertThat(written(desktop)).isEmpty();
        assertThat(desktop.isActive()).isTrue();
        assertThat(gw.routes.lookup(user)).containsOnlyKeys(1, 3);
        desktop.close();
        web.close();
    }

    @Test
    void close_shouldRemoveTheRouteAndTheSession() throws Exception {
        long user = newUserId();
        EmbeddedChannel ch = loggedIn(user, Platform.DESKTOP);

        ch.close();

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!gw.routes.lookup(user).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(gw.routes.lookup(user)).isEmpty();
        assertThat(gw.registry.connectionsOf(user)).isEmpty();
    }

    @Test
    void push_shouldBeRemovedByACumulativeAck_andItsLatencyRecorded() {
        long user = newUserId();
        EmbeddedChannel ch = loggedIn(user, Platform.DESKTOP);
        Connection c = connection(ch);

        gw.pushes.deliver(c, Frame.of(Command.MSG_PUSH, 0, MsgPush.getDefaultInstance()), 10);
        gw.pushes.deliver(c, Frame.of(Command.MSG_PUSH, 0, MsgPush.getDefaultInstance()), 11);
        gw.pushes.deliver(c, Frame.of(Command.MSG_PUSH, 0, MsgPush.getDefaultInstance()), 12);
        ch.writeInbound(encode(Frame.of(Command.MSG_ACK, 0, MsgAck.newBuilder().setMaxSeq(11).build())));

        assertThat(written(ch)).extracting(Frame::cmd).containsExactly(Command.MSG_PUSH, Command.MSG_PUSH,
                Command.MSG_PUSH);
        assertThat(c.unacked().size()).isEqualTo(1);
        assertThat(gw.meters.get("im.access.push.ack.latency").timer().count()).isEqualTo(2);
        ch.close();
    }

    @Test
    void push_overTheInFlightCap_andUnackedAtClose_shouldBeReportedUndelivered() throws Exception {
        long user = newUserId();
        EmbeddedChannel ch = loggedIn(user, Platform.DESKTOP);
        Connection c = connection(ch);

        for (int seq = 1; seq <= 5; seq++) { // the fixture's cap is 4
            gw.pushes.deliver(c, Frame.of(Command.MSG_PUSH, 0, MsgPush.getDefaultInstance()), seq);
        }
        ch.close();

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (undeliveredCount() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        synchronized (gw.undelivered) {
            assertThat(gw.undelivered).extracting(p -> p.ackSeq()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
            assertThat(gw.undelivered).filteredOn(p -> p.ackSeq() == 5).singleElement()
                    .satisfies(p -> assertThat(p.tries()).isZero());
            assertThat(gw.undelivered).filteredOn(p -> p.ackSeq() == 1).singleElement()
                    .satisfies(p -> assertThat(p.tries()).isEqualTo(1));
        }
    }

    private int undeliveredCount() {
        synchronized (gw.undelivered) {
            return gw.undelivered.size();
        }
    }

    private EmbeddedChannel loggedIn(long user, Platform platform) {
        return loggedIn(gw, user, platform);
    }

    private static EmbeddedChannel loggedIn(GatewayFixture fixture, long user) {
        return loggedIn(fixture, user, Platform.DESKTOP);
    }

    private static EmbeddedChannel loggedIn(GatewayFixture fixture, long user, Platform platform) {
        return fixture.loggedIn(user, platform);
    }

    private static Connection connection(EmbeddedChannel ch) {
        return GatewayFixture.connection(ch);
    }

    private static Frame login(int seq, String token, Platform platform) {
        return GatewayFixture.login(seq, token, platform);
    }

    private static void assertError(List<Frame> out, int seq, ErrorCode code) throws Exception {
        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.cmd()).isEqualTo(Command.ERROR);
            assertThat(f.seq()).isEqualTo(seq);
            assertThat(CommonResp.parseFrom(f.body()).getCode()).isEqualTo(code.code());
        });
    }
}
