package im.systemtest.access;

import static im.systemtest.ItSupport.retrying;
import static org.assertj.core.api.Assertions.assertThat;

import im.api.org.Caller;
import im.api.org.GroupService;
import im.api.org.TenantCreated;
import im.api.org.TenantService;
import im.api.org.UserService;
import im.api.protocol.ContentType;
import im.api.protocol.ConvType;
import im.api.protocol.Message;
import im.api.protocol.MsgKind;
import im.api.protocol.Platform;
import im.api.protocol.SendReq;
import im.api.protocol.SendResp;
import im.api.protocol.SyncReq;
import im.api.protocol.SyncResp;
import im.infra.auth.AccessToken;
import im.infra.auth.TokenCodec;
import im.infra.config.CommonSettings;
import im.infra.dubbo.DubboNode;
import im.testkit.FreePorts;
import im.testkit.ServiceProcess;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault injection: an im-logic process is killed with SIGKILL while a client sends single and group
 * messages through the gateway, two im-logic processes serving it. The client does what PROTOCOL.md
 * asks (a 1503 or a lost answer is resent with the same {@code client_msg_id}); at the kill three sends
 * from three devices are in flight. Afterwards every
 * message that was acknowledged with code 0 is in the peer's stream, in the offline group member's
 * stream and in the sender's own, each exactly once: acknowledged messages survive the crash, and
 * resends create nothing new.
 */
@ExtendWith(StackExtension.class)
class LogicCrashIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String REGISTRY_GROUP = "logic-crash-it-" + RUN;
    private static final int MESSAGES = 120;
    private static final int KILL_AFTER = 40;

    private static final List<ServiceProcess> processes = new ArrayList<>();
    private static ServiceProcess victim;
    private static int tcpPort;
    private static TokenCodec tokens;
    private static DubboNode dubbo;
    private static long tenant;
    private static long alice;
    private static long bob;
    private static long carol;
    private static long group;

    @BeforeAll
    static void start(Stack stack) throws Exception {
        tokens = new TokenCodec(Base64.getDecoder().decode(stack.config().string("auth.token.secret")));
        Map<String, String> env = Map.of("IM_DUBBO_REGISTRY_GROUP", REGISTRY_GROUP,
                // a dead node's pending fan-out jobs are taken over after this
                "IM_FANOUT_STALE_MS", "3000");
        processes.add(ServiceProcess.start(stack.repoRoot(), "im-org-service", "org-crash-it-" + RUN, env));
        victim = ServiceProcess.start(stack.repoRoot(), "im-logic", "logic-crash-it-a-" + RUN, env);
        processes.add(victim);
        processes.add(ServiceProcess.start(stack.repoRoot(), "im-logic", "logic-crash-it-b-" + RUN, env));
        tcpPort = FreePorts.take();
        Map<String, String> accessEnv = new HashMap<>(env);
        accessEnv.put("IM_GATEWAY_TCP_PORT", Integer.toString(tcpPort));
        accessEnv.put("IM_GATEWAY_WS_PORT", Integer.toString(FreePorts.take()));
        accessEnv.put("IM_HTTP_PORT", Integer.toString(FreePorts.take()));
        processes.add(ServiceProcess.start(stack.repoRoot(), "im-access", "access-crash-it-" + RUN, accessEnv));
        for (ServiceProcess p : processes) {
            p.awaitReady(ServiceProcess.STARTUP_WAIT);
        }
        dubbo = new DubboNode(new CommonSettings("im-system-tests", "im-system-tests-crash-" + RUN, "127.0.0.1", 1, 1,
                stack.zkAddress(), stack.namespace(), REGISTRY_GROUP, 10_000));
        DubboNode.Reference<TenantService> tenants = dubbo.reference(TenantService.class, "im-org-service");
        DubboNode.Reference<UserService> users = dubbo.reference(UserService.class, "im-org-service");
        DubboNode.Reference<GroupService> groups = dubbo.reference(GroupService.class, "im-org-service");
        dubbo.start();
        TenantCreated created = retrying(() -> tenants.get().createTenant(
                new Caller(Caller.PLATFORM_TENANT_ID, Caller.PLATFORM_ADMIN_USER_ID), "crash-" + RUN, "Crash IT",
                "admin", "admin-pass-1"));
        tenant = created.tenantId();
        Caller admin = new Caller(tenant, created.adminUserId());
        alice = retrying(() -> users.get().create(admin, "alice", "pass-word-1", "Alice", List.of()));
        bob = retrying(() -> users.get().create(admin, "bob", "pass-word-1", "Bob", List.of()));
        carol = retrying(() -> users.get().create(admin, "carol", "pass-word-1", "Carol", List.of()));
        group = retrying(() -> groups.get().create(new Caller(tenant, alice), "crash", List.of(bob, carol)));
    }

    @AfterAll
    static void stop() {
        if (dubbo != null) {
            dubbo.close();
        }
        for (ServiceProcess p : processes) {
            try {
                p.close();
            } catch (Exception e) {
                System.err.println("failed to stop " + p.pid() + ": " + e);
            }
        }
    }

    @Test
    void acknowledgedMessages_shouldSurviveALogicProcessKilledMidStream_exactlyOnce() throws Exception {
        Map<String, Long> acked = new LinkedHashMap<>(); // client_msg_id -> msg_id
        List<Long> singles = new ArrayList<>();
        List<Long> groupMessages = new ArrayList<>();
        try (TestClient desk = new TcpTestClient(tcpPort); TestClient phone = new TcpTestClient(tcpPort);
             TestClient web = new TcpTestClient(tcpPort)) {
            login(desk, alice, Platform.DESKTOP);
            login(phone, alice, Platform.MOBILE);
            login(web, alice, Platform.WEB);
            for (int i = 0; i < MESSAGES; i++) {
                if (i == KILL_AFTER) {
                    // three sends in flight (the gateway runs one per connection at a time), then the kill
                    List<TestClient> burst = List.of(desk, phone, web);
                    for (int k = 0; k < burst.size(); k++) {
                        fire(burst.get(k), "burst-" + k, ConvType.SINGLE, bob);
                    }
                    victim.kill();
                    for (int k = 0; k < burst.size(); k++) {
                        SendResp r = await(burst.get(k));
                        long msgId = r.getCode() == 0 ? r.getMsgId()
                                : sendUntilAcked(burst.get(k), "burst-" + k, ConvType.SINGLE, bob);
                        acked.put("burst-" + k, msgId);
                        singles.add(msgId);
                    }
                }
                String clientMsgId = "crash-" + i;
                boolean single = i % 2 == 0;
                long msgId = sendUntilAcked(desk, clientMsgId, single ? ConvType.SINGLE : ConvType.GROUP,
                        single ? bob : group);
                assertThat(acked.put(clientMsgId, msgId)).isNull();
                (single ? singles : groupMessages).add(msgId);
            }
        }
        assertThat(victim.isAlive()).as("the killed process is gone").isFalse();
        System.out.printf("%d messages acknowledged, %d resends after failures%n", acked.size(), resends);

        // bob: every single and group message; carol (never online): the group ones; alice: all, her copies
        assertStreamHolds(bob, union(singles, groupMessages));
        assertStreamHolds(carol, groupMessages);
        assertStreamHolds(alice, union(singles, groupMessages));
    }

    private static int frameSeq = 100;
    private static int resends;

    /** Sends until answered 0, resending the same client_msg_id after a 1503; returns the msg_id. */
    private static long sendUntilAcked(TestClient c, String clientMsgId, ConvType type, long to) throws Exception {
        for (int attempt = 0; ; attempt++) {
            fire(c, clientMsgId, type, to);
            SendResp r = await(c);
            if (r.getCode() == 0) {
                return r.getMsgId();
            }
            assertThat(r.getCode()).as("only 1503 is retryable here: %s", r.getMessage()).isEqualTo(1503);
            assertThat(attempt).as("%s still refused after %d tries", clientMsgId, attempt).isLessThan(100);
            resends++;
            Thread.sleep(200);
        }
    }

    private static void fire(TestClient c, String clientMsgId, ConvType type, long to) throws IOException {
        c.send(new WireFrame(WireFrame.SEND_REQ, ++frameSeq, SendReq.newBuilder().setClientMsgId(clientMsgId)
                .setConvType(type).setToId(to).setContentType(ContentType.TEXT).setText(clientMsgId).build()
                .toByteArray()));
    }

    /** The next SEND_RESP on {@code c} (one send in flight per connection here). */
    private static SendResp await(TestClient c) throws Exception {
        return SendResp.parseFrom(c.awaitCmd(11, Duration.ofSeconds(30), null).body());
    }

    /** Waits until the user's stream holds exactly {@code expected} (fan-outs taken over may lag). */
    private static void assertStreamHolds(long user, List<Long> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<Long> ids;
        try (TestClient c = new TcpTestClient(tcpPort)) {
            login(c, user, Platform.DESKTOP);
            while (true) {
                ids = sync(c);
                if (ids.size() >= expected.size() || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(500);
            }
        }
        assertThat(ids).as("user %d's stream", user).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<Long> sync(TestClient c) throws Exception {
        List<Long> ids = new ArrayList<>();
        long since = 0;
        int seq = 10_000;
        while (true) {
            c.send(new WireFrame(14, ++seq, SyncReq.newBuilder().setSinceSeq(since).setLimit(500).build()
                    .toByteArray()));
            SyncResp page = SyncResp.parseFrom(c.awaitCmd(15, Duration.ofSeconds(30), null).body());
            assertThat(page.getCode()).as(page.getMessage()).isZero();
            for (Message m : page.getMessagesList()) {
                if (m.getKind() == MsgKind.NORMAL) {
                    ids.add(m.getMsgId());
                }
                since = m.getSeq();
            }
            if (!page.getHasMore()) {
                return ids;
            }
        }
    }

    private static void login(TestClient c, long user, Platform platform) throws Exception {
        long now = System.currentTimeMillis();
        String token = tokens.encode(new AccessToken(tokens.newTokenId(), tenant, user, now - 1000, now + 3_600_000));
        assertThat(c.login(token, platform, "crash-" + user + "-" + platform.getNumber()).getCode()).isZero();
    }

    private static List<Long> union(List<Long> a, List<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
