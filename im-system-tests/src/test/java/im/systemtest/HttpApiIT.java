package im.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import im.api.protocol.Platform;
import im.client.Endpoint;
import im.client.ImClient;
import im.client.ImClientOptions;
import im.client.ImListener;
import im.infra.auth.AccessToken;
import im.infra.auth.TokenCodec;
import im.testkit.FreePorts;
import im.testkit.ServiceProcess;
import im.testkit.Stack;
import im.testkit.StackExtension;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP API of PROTOCOL.md end to end: im-org-service and im-access as two processes (own
 * registry group, own ports), this test a plain HTTP client. Covers login with endpoints, the
 * admin and group routes, ids as strings, the status of every refusal, and bad input on every
 * endpoint answered 400 with nothing stored.
 */
@ExtendWith(StackExtension.class)
class HttpApiIT {
    private static final String REGISTRY_GROUP = "http-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = "Secret-pass-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ServiceProcess org;
    private static ServiceProcess access;
    private static String base;
    private static Stack stack;
    private static String platformToken;
    private static String tenantCode;
    private static long tenantId;
    private static String adminToken;
    private static int gatewayTcpPort;
    private static long sales;
    private static long secret;
    private static long bobId;
    private static String bobToken;
    private static long carolId;

    @BeforeAll
    static void startServices(Stack s) throws Exception {
        stack = s;
        int httpPort = FreePorts.take();
        gatewayTcpPort = FreePorts.take();
        Map<String, String> env = Map.of("IM_DUBBO_REGISTRY_GROUP", REGISTRY_GROUP,
                "IM_HTTP_PORT", Integer.toString(httpPort),
                "IM_GATEWAY_TCP_PORT", Integer.toString(gatewayTcpPort),
                "IM_GATEWAY_WS_PORT", Integer.toString(FreePorts.take()),
                "IM_AUTH_BCRYPT_COST", "4");
        org = ServiceProcess.start(s.repoRoot(), "im-org-service", "im-org-service-http-it", env);
        access = ServiceProcess.start(s.repoRoot(), "im-access", "im-access-http-it", env);
        org.awaitHealthy(ServiceProcess.STARTUP_WAIT);
        access.awaitHealthy(ServiceProcess.STARTUP_WAIT);
        base = "http://127.0.0.1:" + httpPort + "/api/v1";

        platformToken = awaitLogin("platform", "platform-admin", "platform-admin-pass").get("token").asText();
        tenantCode = "http-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode tenant = ok(call("POST", "/admin/tenants", platformToken, Map.of("code", tenantCode,
                "name", "HTTP IT 株式会社", "adminAccount", "admin", "adminPassword", PASSWORD)));
        tenantId = Long.parseLong(tenant.get("tenantId").asText());
        adminToken = login(tenantCode, "admin", PASSWORD).get("token").asText();
        sales = id(ok(call("POST", "/admin/departments", adminToken, Map.of("parentId", 0, "name", "Sales"))));
        secret = id(ok(call("POST", "/admin/departments", adminToken, Map.of("parentId", "0", "name", "Secret"))));
        ok(call("PUT", "/admin/visibility/" + secret, adminToken, Map.of("visibleTo", List.of())));
        bobId = id(ok(call("POST", "/admin/users", adminToken, Map.of("account", "bob", "password", PASSWORD,
                "name", "Bob", "departmentIds", List.of(Long.toString(sales))))));
        carolId = id(ok(call("POST", "/admin/users", adminToken, Map.of("account", "carol", "password", PASSWORD,
                "name", "Carol", "departmentIds", List.of(secret)))));
        bobToken = login(tenantCode, "bob", PASSWORD).get("token").asText();
    }

    @AfterAll
    static void stopServices() {
        if (access != null) {
            access.close();
        }
        if (org != null) {
            org.close();
        }
    }

    // ---------------------------------------------------------------- login

    @Test
    void login_shouldAnswerStringIds_andTheAccessEndpointsLeastLoadedFirst() throws Exception {
        String nodeA = "/access/nodes/http-it-a-" + UUID.randomUUID();
        String nodeB = "/access/nodes/http-it-b-" + UUID.randomUUID();
        try (CuratorFramework zk = stack.newCurator()) {
            zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(nodeA,
                    "{\"instanceId\":\"a\",\"tcp\":\"127.0.0.1:19000\",\"ws\":\"ws://127.0.0.1:19001/ws\",\"load\":900000}"
                            .getBytes(StandardCharsets.UTF_8));
            zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(nodeB,
                    "{\"instanceId\":\"b\",\"tcp\":\"127.0.0.1:19010\",\"ws\":\"ws://127.0.0.1:19011/ws\",\"load\":-1}"
                            .getBytes(StandardCharsets.UTF_8));

            JsonNode login = login(tenantCode, "bob", PASSWORD);

            assertThat(login.get("userId").isTextual()).isTrue();
            assertThat(login.get("userId").asText()).isEqualTo(Long.toString(bobId));
            assertThat(login.get("tenantId").asText()).isEqualTo(Long.toString(tenantId));
            assertThat(login.get("expiresAt").asLong()).isGreaterThan(System.currentTimeMillis());
            List<Long> loads = new ArrayList<>();
            List<String> tcps = new ArrayList<>();
            login.get("endpoints").forEach(e -> {
                loads.add(e.get("load").asLong());
                tcps.add(e.get("tcp").asText());
            });
            assertThat(loads).isSorted();
            assertThat(tcps).contains("127.0.0.1:19000", "127.0.0.1:19010");
            assertThat(tcps.indexOf("127.0.0.1:19010")).isLessThan(tcps.indexOf("127.0.0.1:19000"));
        }
    }

    @Test
    void login_shouldAnswer401_forAWrongPassword_andAnUnknownTenant() throws Exception {
        HttpResponse<String> wrong = call("POST", "/auth/login", null,
                Map.of("tenantCode", tenantCode, "account", "carol", "password", "not-the-password"));
        HttpResponse<String> unknown = call("POST", "/auth/login", null,
                Map.of("tenantCode", "no-such-tenant-x", "account", "carol", "password", PASSWORD));

        assertError(wrong, 401, 1001);
        assertError(unknown, 401, 1001);
    }

    // ---------------------------------------------------------------- authentication and roles

    @Test
    void routes_shouldAnswer401_forMissingForgedAndLoggedOutTokens() throws Exception {
        String carolToken = login(tenantCode, "carol", PASSWORD).get("token").asText();
        String forged = carolToken.substring(0, carolToken.length() - 3) + "xyz";

        assertError(call("GET", "/admin/departments/tree", null, null), 401, 1001);
        assertError(call("GET", "/admin/departments/tree", forged, null), 401, 1001);
        assertError(call("GET", "/admin/departments/tree", "not-a-token", null), 401, 1001);
        assertThat(call("POST", "/auth/logout", carolToken, null).statusCode()).isEqualTo(200);
        assertError(call("POST", "/groups", carolToken, Map.of("name", "g", "memberIds", List.of())), 401, 1001);
    }

    @Test
    void routes_shouldAnswer401_forAnExpiredToken_signedWithTheRightKey() throws Exception {
        TokenCodec codec = new TokenCodec(Base64.getDecoder().decode(stack.config().string("auth.token.secret")));
        long now = System.currentTimeMillis();
        String expired = codec.encode(new AccessToken(codec.newTokenId(), tenantId, bobId, now - 7_200_000L,
                now - 1_000L));
        String valid = codec.encode(new AccessToken(codec.newTokenId(), tenantId, bobId, now, now + 60_000L));

        assertError(call("POST", "/groups", expired, Map.of("name", "g", "memberIds", List.of())), 401, 1001);
        assertThat(call("POST", "/groups", valid, Map.of("name", "g", "memberIds", List.of())).statusCode())
                .isEqualTo(200);
    }

    @Test
    void departmentAdmin_shouldBeForbidden_outsideItsSubtree_andAllowedInside() throws Exception {
        long eng = id(ok(call("POST", "/admin/departments", adminToken, Map.of("parentId", 0, "name", "Eng"))));
        long lead = id(ok(call("POST", "/admin/users", adminToken, Map.of("account", "sales.lead", "password",
                PASSWORD, "name", "Lead", "departmentIds", List.of(sales)))));
        ok(call("PUT", "/admin/departments/" + sales + "/admins/" + lead, adminToken, Map.of("admin", true)));
        String leadToken = login(tenantCode, "sales.lead", PASSWORD).get("token").asText();

        assertError(call("POST", "/admin/departments", leadToken, Map.of("parentId", eng, "name", "x")), 403, 1003);
        assertError(call("POST", "/admin/users", leadToken, Map.of("account", "x1", "password", PASSWORD,
                "name", "X", "departmentIds", List.of(eng))), 403, 1003);
        assertError(call("PUT", "/admin/visibility/" + eng, leadToken, Map.of("visibleTo", List.of())), 403, 1003);
        assertError(call("PATCH", "/admin/departments/" + sales, leadToken, Map.of("name", "Mine")), 403, 1003);
        long emea = id(ok(call("POST", "/admin/departments", leadToken, Map.of("parentId", sales, "name", "EMEA"))));
        ok(call("PATCH", "/admin/departments/" + emea, leadToken, Map.of("name", "EMEA & Africa")));
        JsonNode tree = ok(call("GET", "/admin/departments/tree", leadToken, null));
        assertThat(tree.get("children")).hasSize(1);
        assertThat(find(tree.get("children"), Long.toString(sales)).get("children").toString()).contains("EMEA & Africa");
        assertThat(call("DELETE", "/admin/departments/" + emea, leadToken, null).statusCode()).isEqualTo(200);
    }

    @Test
    void adminRoutes_shouldAnswer403_forAPlainUser_andATenantAdminOnPlatformRoutes() throws Exception {
        assertError(call("GET", "/admin/departments/tree", bobToken, null), 403, 1003);
        assertError(call("POST", "/admin/departments", bobToken, Map.of("parentId", 0, "name", "Mine")), 403, 1003);
        assertError(call("POST", "/admin/tenants", adminToken, Map.of("code", "evil-" + UUID.randomUUID()
                .toString().substring(0, 6), "name", "Evil", "adminAccount", "a", "adminPassword", PASSWORD)), 403, 1003);
        assertError(call("PATCH", "/admin/users/" + carolId, bobToken, Map.of("name", "x")), 403, 1003);
    }

    @Test
    void tree_shouldNestDepartmentsWithTheirMembers_andCjkNamesIntact() throws Exception {
        long team = id(ok(call("POST", "/admin/departments", adminToken, Map.of("parentId", sales, "name", "销售一部 🚀"))));

        JsonNode tree = ok(call("GET", "/admin/departments/tree", adminToken, null));

        JsonNode salesNode = find(tree.get("children"), Long.toString(sales));
        assertThat(salesNode.get("name").asText()).isEqualTo("Sales");
        assertThat(salesNode.get("members").get(0).get("id").asText()).isEqualTo(Long.toString(bobId));
        assertThat(find(salesNode.get("children"), Long.toString(team)).get("name").asText()).isEqualTo("销售一部 🚀");
    }

    @Test
    void users_shouldBeListedInPages_ofTheTenantOrOfASubtree() throws Exception {
        JsonNode all = ok(call("GET", "/admin/users?page=1&size=2", adminToken, null));
        JsonNode salesOnly = ok(call("GET", "/admin/users?departmentId=" + sales + "&size=100", adminToken, null));

        assertThat(all.get("total").asLong()).isGreaterThanOrEqualTo(3); // admin, bob, carol at least
        assertThat(all.get("users")).hasSize(2);
        assertThat(all.get("users").get(0).get("id").isTextual()).isTrue();
        assertThat(salesOnly.get("users").toString()).contains("\"" + bobId + "\"").doesNotContain("\"" + carolId + "\"");
        assertError(call("GET", "/admin/users", bobToken, null), 403, 1003);
    }

    // ---------------------------------------------------------------- groups

    @Test
    void groups_shouldCreateMuteListRemoveAndDismiss_withTheRolesChecked() throws Exception {
        long dan = id(ok(call("POST", "/admin/users", adminToken, Map.of("account", "dan",
                "password", PASSWORD, "name", "Dan", "departmentIds", List.of(sales)))));
        assertError(call("POST", "/groups", bobToken, Map.of("name", "hidden", "memberIds", List.of(carolId))), 403, 1003);
        long group = Long.parseLong(ok(call("POST", "/groups", bobToken,
                Map.of("name", "Team 团队 🎉", "memberIds", List.of(Long.toString(dan))))).get("groupId").asText());
        String danToken = login(tenantCode, "dan", PASSWORD).get("token").asText();

        assertThat(call("PUT", "/groups/" + group + "/mute/" + dan, bobToken, Map.of("muted", true)).statusCode())
                .isEqualTo(200);
        JsonNode members = ok(call("GET", "/groups/" + group + "/members", danToken, null));
        assertThat(members).hasSize(2);
        JsonNode danRow = find(members, "userId", Long.toString(dan));
        assertThat(danRow.get("role").asText()).isEqualTo("MEMBER");
        assertThat(danRow.get("muted").asBoolean()).isTrue();
        assertThat(find(members, "userId", Long.toString(bobId)).get("role").asText()).isEqualTo("OWNER");

        assertError(call("PUT", "/groups/" + group + "/mute/" + bobId, danToken, Map.of("muted", true)), 403, 1003);
        assertError(call("DELETE", "/groups/" + group, danToken, null), 403, 1003);
        assertError(call("GET", "/groups/" + group + "/members", adminToken, null), 403, 1003);
        assertThat(call("DELETE", "/groups/" + group + "/members/" + dan, danToken, null).statusCode()).isEqualTo(200);
        assertError(call("GET", "/groups/" + group + "/members", danToken, null), 403, 1003);
        assertThat(call("DELETE", "/groups/" + group, bobToken, null).statusCode()).isEqualTo(200);
        assertError(call("GET", "/groups/" + group + "/members", bobToken, null), 404, 1004);
    }

    @Test
    void disablingAUser_shouldKillItsTokensAndKickItsOpenSessions_atOnce() throws Exception {
        long erin = id(ok(call("POST", "/admin/users", adminToken, Map.of("account", "erin", "password", PASSWORD,
                "name", "Erin", "departmentIds", List.of(sales)))));
        String erinToken = login(tenantCode, "erin", PASSWORD).get("token").asText();
        assertThat(call("POST", "/groups", erinToken, Map.of("name", "ok", "memberIds", List.of())).statusCode())
                .isEqualTo(200);
        // erin is also online on the gateway, through the SDK
        EventLoopGroup loops = ImClient.newEventLoopGroup(1, "http-it-client");
        BlockingQueue<Integer> kicks = new LinkedBlockingQueue<>();
        ImClient device = new ImClient(ImClientOptions.defaults(ImClientOptions.Transport.TCP), loops,
                new ImListener() {
                    @Override
                    public void onKickout(int reason, String message) {
                        kicks.add(reason);
                    }
                }, 0);
        try {
            assertThat(device.connect(List.of(new Endpoint("127.0.0.1:" + gatewayTcpPort, "")), erinToken, "erin-pc",
                    Platform.DESKTOP).get(30, TimeUnit.SECONDS).getUserId()).isEqualTo(erin);

            ok(call("PATCH", "/admin/users/" + erin, adminToken, Map.of("disabled", true)));

            assertThat(kicks.poll(30, TimeUnit.SECONDS)).as("KICKOUT reason of the open session").isEqualTo(2);
            assertThat(device.state().get(10, TimeUnit.SECONDS)).isEqualTo(ImClient.State.CLOSED);
        } finally {
            device.close();
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }

        assertError(call("POST", "/groups", erinToken, Map.of("name", "no", "memberIds", List.of())), 401, 1001);
        assertError(call("POST", "/auth/login", null, Map.of("tenantCode", tenantCode, "account", "erin",
                "password", PASSWORD)), 401, 1001);
    }

    // ---------------------------------------------------------------- directory, me, presence (issue 17)

    @Test
    void directory_shouldHideAHiddenDepartmentsMember_fromEveryRoute_andShowItToTheTenantAdmin() throws Exception {
        for (String q : List.of("c", "ca", "car", "carol", "CAROL", "Carol")) {
            JsonNode found = ok(call("GET", "/directory/search?q=" + q, bobToken, null));
            assertThat(found.get("users").toString()).as("search '%s'", q).doesNotContain("\"" + carolId + "\"");
            assertThat(found.get("total").asLong()).as("search '%s'", q).isZero();
        }
        assertThat(ok(call("GET", "/users?ids=" + carolId, bobToken, null)).get("users")).isEmpty();
        assertThat(ok(call("GET", "/presence?ids=" + carolId, bobToken, null)).get("users")).isEmpty();
        assertThat(ok(call("GET", "/directory/departments", bobToken, null)).get("departments").toString())
                .contains("\"" + sales + "\"").doesNotContain("\"" + secret + "\"");
        assertError(call("GET", "/directory/departments/" + secret + "/members", bobToken, null), 404, 1004);
        assertError(call("GET", "/directory/departments?parentId=" + secret, bobToken, null), 404, 1004);

        JsonNode adminSees = ok(call("GET", "/directory/search?q=car", adminToken, null));
        assertThat(adminSees.get("users").get(0).get("userId").asText()).isEqualTo(Long.toString(carolId));
        JsonNode members = ok(call("GET", "/directory/departments/" + secret + "/members", adminToken, null));
        assertThat(members.get("total").asLong()).isEqualTo(1);
        assertThat(members.get("users").get(0).get("departments").get(0).get(0).asText()).isEqualTo("Secret");
    }

    @Test
    void profiles_shouldAnswerNamesInTheOrderAsked_andRefuseAnotherTenantsIds() throws Exception {
        String otherCode = "http-o-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode other = ok(call("POST", "/admin/tenants", platformToken, Map.of("code", otherCode,
                "name", "Other", "adminAccount", "admin", "adminPassword", PASSWORD)));
        String otherAdmin = other.get("adminUserId").asText();

        JsonNode found = ok(call("GET", "/users?ids=" + bobId + ",999999999", adminToken, null));
        assertThat(found.get("users")).hasSize(1);
        assertThat(found.get("users").get(0).get("name").asText()).isEqualTo("Bob");
        assertThat(found.get("users").get(0).get("account").asText()).isEqualTo("bob");
        assertThat(found.get("users").get(0).get("userId").isTextual()).isTrue();
        assertError(call("GET", "/users?ids=" + bobId + "," + otherAdmin, adminToken, null), 403, 1003);
        assertError(call("GET", "/presence?ids=" + otherAdmin, bobToken, null), 403, 1003);
        assertError(call("GET", "/users?ids=" + bobId, null, null), 401, 1001);
        assertError(call("GET", "/users?ids=" + bobId, platformToken, null), 403, 1003);

        JsonNode me = ok(call("GET", "/me", bobToken, null));
        assertThat(me.get("userId").asText()).isEqualTo(Long.toString(bobId));
        assertThat(me.get("departments").get(0).get(0).asText()).isEqualTo("Sales");
    }

    @Test
    void presence_shouldShowAUserOnline_whileConnected_andOfflineAfterItsDisconnect() throws Exception {
        EventLoopGroup loops = ImClient.newEventLoopGroup(1, "http-it-presence");
        ImClient device = new ImClient(ImClientOptions.defaults(ImClientOptions.Transport.TCP), loops,
                new ImListener() {
                }, 0);
        try {
            assertThat(call("GET", "/presence?ids=" + bobId, adminToken, null).body()).contains("\"online\":false");
            device.connect(List.of(new Endpoint("127.0.0.1:" + gatewayTcpPort, "")), bobToken, "bob-phone",
                    Platform.MOBILE).get(30, TimeUnit.SECONDS);

            JsonNode online = ok(call("GET", "/presence?ids=" + bobId, adminToken, null)).get("users").get(0);
            assertThat(online.get("userId").asText()).isEqualTo(Long.toString(bobId));
            assertThat(online.get("online").asBoolean()).isTrue();
            assertThat(online.get("platforms").toString()).isEqualTo("[\"MOBILE\"]");

            device.close();
            JsonNode after = null;
            for (int i = 0; i < 100; i++) { // the gateway removes the route when it sees the close
                after = ok(call("GET", "/presence?ids=" + bobId, adminToken, null)).get("users").get(0);
                if (!after.get("online").asBoolean()) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(after.get("online").asBoolean()).isFalse();
            assertThat(after.get("platforms")).isEmpty();
        } finally {
            device.close();
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void logoutAndPasswordChange_shouldKickTheRevokedTokensSessions_withReason3_onTwoAccessNodes() throws Exception {
        long gus = id(ok(call("POST", "/admin/users", adminToken, Map.of("account", "gus", "password", PASSWORD,
                "name", "Gus", "departmentIds", List.of(sales)))));
        int secondTcp = FreePorts.take();
        Map<String, String> env = Map.of("IM_DUBBO_REGISTRY_GROUP", REGISTRY_GROUP,
                "IM_HTTP_PORT", Integer.toString(FreePorts.take()), "IM_GATEWAY_TCP_PORT", Integer.toString(secondTcp),
                "IM_GATEWAY_WS_PORT", Integer.toString(FreePorts.take()));
        EventLoopGroup loops = ImClient.newEventLoopGroup(1, "http-it-kick");
        try (ServiceProcess second = ServiceProcess.start(stack.repoRoot(), "im-access", "im-access-http-it-2", env)) {
            second.awaitHealthy(ServiceProcess.STARTUP_WAIT);

            // logout: the one token's sessions close, on both nodes
            String token = login(tenantCode, "gus", PASSWORD).get("token").asText();
            Device a = Device.open(loops, gatewayTcpPort, token, Platform.DESKTOP);
            Device b = Device.open(loops, secondTcp, token, Platform.MOBILE);
            String keep = login(tenantCode, "gus", PASSWORD).get("token").asText();
            Device web = Device.open(loops, secondTcp, keep, Platform.WEB);
            assertThat(call("POST", "/auth/logout", token, null).statusCode()).isEqualTo(200);
            assertThat(a.kicks.poll(30, TimeUnit.SECONDS)).as("node 1, logged-out token").isEqualTo(3);
            assertThat(b.kicks.poll(30, TimeUnit.SECONDS)).as("node 2, logged-out token").isEqualTo(3);
            assertThat(web.client.state().get(10, TimeUnit.SECONDS)).as("another token's session stays")
                    .isEqualTo(ImClient.State.LOGGED_IN);
            a.client.close();
            b.client.close();

            // password change: every token's sessions close, on both nodes; the answer is a fresh token
            String t1 = login(tenantCode, "gus", PASSWORD).get("token").asText();
            Device c = Device.open(loops, gatewayTcpPort, t1, Platform.DESKTOP);
            JsonNode changed = ok(call("PUT", "/me/password", keep, Map.of("oldPassword", PASSWORD,
                    "newPassword", "Brand-new-Pass-2")));
            assertThat(c.kicks.poll(30, TimeUnit.SECONDS)).as("node 1 after password change").isEqualTo(3);
            assertThat(web.kicks.poll(30, TimeUnit.SECONDS)).as("node 2 after password change").isEqualTo(3);
            assertError(call("GET", "/me", t1, null), 401, 1001);
            assertError(call("GET", "/me", keep, null), 401, 1001);
            assertThat(ok(call("GET", "/me", changed.get("token").asText(), null)).get("userId").asText())
                    .isEqualTo(Long.toString(gus));
            assertThat(login(tenantCode, "gus", "Brand-new-Pass-2").get("userId").asText()).isEqualTo(Long.toString(gus));
            assertError(call("PUT", "/me/password", changed.get("token").asText(), Map.of("oldPassword", "wrong-one-1",
                    "newPassword", "Brand-other-Pass-3")), 403, 1003);
            c.client.close();
            web.client.close();
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** One SDK connection that records the KICKOUT reasons it gets. */
    private record Device(ImClient client, BlockingQueue<Integer> kicks) {
        static Device open(EventLoopGroup loops, int tcpPort, String token, Platform platform) throws Exception {
            BlockingQueue<Integer> kicks = new LinkedBlockingQueue<>();
            ImClient client = new ImClient(ImClientOptions.defaults(ImClientOptions.Transport.TCP), loops,
                    new ImListener() {
                        @Override
                        public void onKickout(int reason, String message) {
                            kicks.add(reason);
                        }
                    }, 0);
            client.connect(List.of(new Endpoint("127.0.0.1:" + tcpPort, "")), token, "dev-" + platform, platform)
                    .get(30, TimeUnit.SECONDS);
            return new Device(client, kicks);
        }
    }

    // ---------------------------------------------------------------- group info (issue 17)

    @Test
    void groupInfo_shouldListMyGroups_renameAnnounceAndTransfer_withNamesInTheMemberList() throws Exception {
        long ivy = id(ok(call("POST", "/admin/users", adminToken, Map.of("account", "ivy", "password", PASSWORD,
                "name", "艾薇 Ivy", "departmentIds", List.of(sales)))));
        String ivyToken = login(tenantCode, "ivy", PASSWORD).get("token").asText();
        long group = Long.parseLong(ok(call("POST", "/groups", bobToken, Map.of("name", "Info",
                "memberIds", List.of(Long.toString(ivy))))).get("groupId").asText());

        assertError(call("PATCH", "/groups/" + group, ivyToken, Map.of("name", "Mine now")), 403, 1003);
        ok(call("PATCH", "/groups/" + group, bobToken, Map.of("name", "信息组", "announcement", "Hello\nall")));
        JsonNode info = ok(call("GET", "/groups/" + group, ivyToken, null));
        assertThat(info.get("name").asText()).isEqualTo("信息组");
        assertThat(info.get("announcement").asText()).isEqualTo("Hello\nall");
        assertThat(info.get("ownerId").asText()).isEqualTo(Long.toString(bobId));
        assertThat(info.get("memberCount").asInt()).isEqualTo(2);
        assertThat(info.get("myRole").asText()).isEqualTo("MEMBER");
        assertThat(find(ok(call("GET", "/groups/" + group + "/members", ivyToken, null)), "userId",
                Long.toString(ivy)).get("name").asText()).isEqualTo("艾薇 Ivy");

        assertError(call("PUT", "/groups/" + group + "/owner", ivyToken, Map.of("userId", bobId)), 403, 1003);
        assertError(call("PUT", "/groups/" + group + "/owner", bobToken, Map.of("userId", bobId)), 400, 1000);
        ok(call("PUT", "/groups/" + group + "/owner", bobToken, Map.of("userId", Long.toString(ivy))));
        JsonNode mine = ok(call("GET", "/groups?size=100", ivyToken, null));
        JsonNode row = find(mine.get("groups"), "groupId", Long.toString(group));
        assertThat(row.get("myRole").asText()).isEqualTo("OWNER");
        assertThat(mine.get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertError(call("GET", "/groups/" + group, adminToken, null), 403, 1003);
        assertError(call("GET", "/groups/999999999", bobToken, null), 404, 1004);
    }

    // ---------------------------------------------------------------- bad input

    static Stream<Arguments> badInput() {
        String longName = "x".repeat(65);
        String sql = "'; DROP TABLE org_user; --";
        return Stream.of(
                // login
                bad("POST", "/auth/login", "none", "{}"),
                bad("POST", "/auth/login", "none", "{\"tenantCode\":1,\"account\":\"a\",\"password\":\"b\"}"),
                bad("POST", "/auth/login", "none", "not json"),
                bad("POST", "/auth/login", "none", "[]"),
                bad("POST", "/auth/login", "none", "{\"tenantCode\":\"" + "a".repeat(33) + "\",\"account\":\"a\",\"password\":\"b\"}"),
                // tenants
                bad("POST", "/admin/tenants", "platform", "{\"code\":\"" + sql + "\",\"name\":\"n\",\"adminAccount\":\"a\",\"adminPassword\":\"" + PASSWORD + "\"}"),
                bad("POST", "/admin/tenants", "platform", "{\"code\":\"数据公司\",\"name\":\"n\",\"adminAccount\":\"a\",\"adminPassword\":\"" + PASSWORD + "\"}"),
                bad("POST", "/admin/tenants", "platform", "{\"code\":\"bad-input-t1\",\"name\":\"n\",\"adminAccount\":\"😀\",\"adminPassword\":\"" + PASSWORD + "\"}"),
                bad("POST", "/admin/tenants", "platform", "{\"code\":\"bad-input-t2\",\"name\":\"" + longName + "\",\"adminAccount\":\"a\",\"adminPassword\":\"" + PASSWORD + "\"}"),
                bad("POST", "/admin/tenants", "platform", "{\"code\":\"bad-input-t3\",\"name\":7,\"adminAccount\":\"a\",\"adminPassword\":\"" + PASSWORD + "\"}"),
                bad("POST", "/admin/tenants", "platform", "{\"code\":\"bad-input-t4\",\"name\":\"n\",\"adminAccount\":\"a\",\"adminPassword\":\"short\"}"),
                bad("POST", "/admin/tenants", "platform", "{\"code\":\"bad-input-t5\",\"name\":\"n\",\"adminAccount\":\"a\"}"),
                // departments
                bad("POST", "/admin/departments", "admin", "{\"parentId\":0}"),
                bad("POST", "/admin/departments", "admin", "{\"parentId\":\"abc\",\"name\":\"d\"}"),
                bad("POST", "/admin/departments", "admin", "{\"parentId\":-1,\"name\":\"d\"}"),
                bad("POST", "/admin/departments", "admin", "{\"parentId\":1.5,\"name\":\"d\"}"),
                bad("POST", "/admin/departments", "admin", "{\"parentId\":0,\"name\":\"   \"}"),
                bad("POST", "/admin/departments", "admin", "{\"parentId\":0,\"name\":\"" + longName + "\"}"),
                bad("POST", "/admin/departments", "admin", "{\"parentId\":0,\"name\":\"d\",\"extra\":1}"),
                bad("POST", "/admin/departments", "admin", "{\"parentId\":0,\"name\":\"tab\\there\"}"),
                bad("PATCH", "/admin/departments/abc", "admin", "{\"name\":\"d\"}"),
                bad("PATCH", "/admin/departments/SALES", "admin", "{}"),
                bad("DELETE", "/admin/departments/0", "admin", null),
                // users
                bad("POST", "/admin/users", "admin", "{\"account\":\"" + sql + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"n\",\"departmentIds\":[]}"),
                bad("POST", "/admin/users", "admin", "{\"account\":\"用户\",\"password\":\"" + PASSWORD + "\",\"name\":\"n\",\"departmentIds\":[]}"),
                bad("POST", "/admin/users", "admin", "{\"account\":\"ok.user\",\"password\":\"" + PASSWORD + "\",\"name\":\"n\",\"departmentIds\":\"SALES\"}"),
                bad("POST", "/admin/users", "admin", "{\"account\":\"ok.user\",\"password\":\"" + PASSWORD + "\",\"name\":\"n\",\"departmentIds\":[\"x\"]}"),
                bad("POST", "/admin/users", "admin", "{\"account\":\"ok.user\",\"password\":\"short\",\"name\":\"n\",\"departmentIds\":[]}"),
                bad("POST", "/admin/users", "admin", "{\"account\":\"ok.user\",\"password\":\"" + PASSWORD + "\",\"name\":\"" + longName + "\",\"departmentIds\":[]}"),
                bad("POST", "/admin/users", "admin", "{\"account\":\"ok.user\",\"password\":\"" + PASSWORD + "\",\"name\":\"n\",\"departmentIds\":[\"SALES\",\"SALES\"]}"),
                bad("POST", "/admin/users", "admin", "{\"account\":\"ok.user\",\"password\":\"" + PASSWORD + "\",\"name\":\"n\"}"),
                bad("PATCH", "/admin/users/abc", "admin", "{\"name\":\"n\"}"),
                bad("GET", "/admin/users?page=0", "admin", null),
                bad("GET", "/admin/users?size=101", "admin", null),
                bad("GET", "/admin/users?size=abc", "admin", null),
                bad("GET", "/admin/users?departmentId=-1", "admin", null),
                bad("PATCH", "/admin/users/BOB", "admin", "{}"),
                bad("PATCH", "/admin/users/BOB", "admin", "{\"disabled\":\"yes\"}"),
                bad("PATCH", "/admin/users/BOB", "admin", "{\"name\":\"" + longName + "\"}"),
                // visibility
                bad("PUT", "/admin/visibility/SALES", "admin", "{\"visibleTo\":\"x\"}"),
                bad("PUT", "/admin/visibility/SALES", "admin", "{\"visibleTo\":[0]}"),
                bad("PUT", "/admin/visibility/1%3B%20DROP%20TABLE%20department", "admin", "{\"visibleTo\":[]}"),
                // groups
                bad("POST", "/groups", "bob", "{\"memberIds\":[]}"),
                bad("POST", "/groups", "bob", "{\"name\":\"g\"}"),
                bad("POST", "/groups", "bob", "{\"name\":\"g\",\"memberIds\":[true]}"),
                bad("POST", "/groups", "bob", "{\"name\":\"" + longName + "\",\"memberIds\":[]}"),
                bad("POST", "/groups", "bob", "{\"name\":\"" + sql + "\",\"memberIds\":{}}"),
                bad("POST", "/groups/1/members", "bob", "{\"userIds\":[]}"),
                bad("POST", "/groups/1/members", "bob", "{\"userIds\":\"1\"}"),
                bad("DELETE", "/groups/1/members/abc", "bob", null),
                bad("PUT", "/groups/1/mute/BOB", "bob", "{\"muted\":\"true\"}"),
                bad("PUT", "/groups/1/mute/BOB", "bob", "{}"),
                bad("DELETE", "/groups/0", "bob", null),
                bad("GET", "/groups/-5/members", "bob", null),
                // directory, me, presence, group info (issue 17, docs/api.md)
                bad("GET", "/users", "bob", null),
                bad("GET", "/users?ids=", "bob", null),
                bad("GET", "/users?ids=abc", "bob", null),
                bad("GET", "/users?ids=BOB,BOB", "bob", null),
                bad("GET", "/users?ids=0", "bob", null),
                bad("GET", "/users?ids=" + "1,".repeat(200) + "2", "bob", null),
                bad("GET", "/users?ids=BOB&extra=1", "bob", null),
                bad("GET", "/users?ids=BOB&ids=BOB", "bob", null),
                bad("GET", "/directory/departments?parentId=-1", "bob", null),
                bad("GET", "/directory/departments?parentId=x", "bob", null),
                bad("GET", "/directory/departments/abc/members", "bob", null),
                bad("GET", "/directory/departments/SALES/members?size=101", "bob", null),
                bad("GET", "/directory/departments/SALES/members?page=0", "bob", null),
                bad("GET", "/directory/search", "bob", null),
                bad("GET", "/directory/search?q=%20%20", "bob", null),
                bad("GET", "/directory/search?q=" + "a".repeat(65), "bob", null),
                bad("GET", "/directory/search?q=a&size=0", "bob", null),
                bad("GET", "/directory/search?q=a&sort=name", "bob", null),
                bad("GET", "/me?x=1", "bob", null),
                bad("PUT", "/me/password", "bob", "{}"),
                bad("PUT", "/me/password", "bob", "{\"oldPassword\":\"" + PASSWORD + "\"}"),
                bad("PUT", "/me/password", "bob", "{\"oldPassword\":\"" + PASSWORD + "\",\"newPassword\":\"weakweakweak\"}"),
                bad("PUT", "/me/password", "bob", "{\"oldPassword\":\"" + PASSWORD + "\",\"newPassword\":\"" + PASSWORD + "\"}"),
                bad("PUT", "/me/password", "bob", "{\"oldPassword\":\"" + PASSWORD + "\",\"newPassword\":7}"),
                bad("PUT", "/me/password", "bob", "{\"oldPassword\":\"" + PASSWORD + "\",\"newPassword\":\"Good-pass-99\",\"x\":1}"),
                bad("GET", "/presence", "bob", null),
                bad("GET", "/presence?ids=1;2", "bob", null),
                bad("GET", "/groups?page=0", "bob", null),
                bad("GET", "/groups?size=101", "bob", null),
                bad("GET", "/groups/abc", "bob", null),
                bad("PATCH", "/groups/1", "bob", "{}"),
                bad("PATCH", "/groups/1", "bob", "{\"name\":7}"),
                bad("PATCH", "/groups/1", "bob", "{\"name\":\"" + longName + "\"}"),
                bad("PATCH", "/groups/1", "bob", "{\"announcement\":\"" + "a".repeat(2001) + "\"}"),
                bad("PATCH", "/groups/1", "bob", "{\"name\":\"g\",\"owner\":\"1\"}"),
                bad("PUT", "/groups/1/owner", "bob", "{}"),
                bad("PUT", "/groups/1/owner", "bob", "{\"userId\":\"x\"}"),
                bad("PUT", "/groups/1/owner", "bob", "{\"userId\":0}"));
    }

    private static Arguments bad(String method, String path, String who, String body) {
        return Arguments.of(method, path, who, body);
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @MethodSource("badInput")
    void everyEndpoint_shouldAnswer400_withTheErrorBody_andStoreNothing(String method, String path, String who,
                                                                        String body) throws Exception {
        String token = switch (who) {
            case "platform" -> platformToken;
            case "admin" -> adminToken;
            case "bob" -> bobToken;
            default -> null;
        };
        String realPath = path.replace("SALES", Long.toString(sales)).replace("BOB", Long.toString(bobId));
        String realBody = body == null ? null : body.replace("SALES", Long.toString(sales));
        long[] before = counts();

        HttpResponse<String> r = raw(method, realPath, token, realBody);

        assertError(r, 400, 1000);
        assertThat(counts()).containsExactly(before);
        assertThat(access.isAlive()).isTrue();
    }

    /** Rows that a wrongly accepted request could have written: tenants, and this tenant's org rows. */
    private static long[] counts() throws Exception {
        String[] queries = {
                "SELECT COUNT(*) FROM tenant WHERE code LIKE 'bad-input-%' OR code LIKE '%DROP%' OR name = 'n'",
                "SELECT COUNT(*) FROM department WHERE tenant_id = ?",
                "SELECT COUNT(*) FROM org_user WHERE tenant_id = ?",
                "SELECT COUNT(*) FROM im_group WHERE tenant_id = ?",
                "SELECT COUNT(*) FROM department_visibility WHERE tenant_id = ?",
                "SELECT COUNT(*) FROM user_department WHERE tenant_id = ?"};
        long[] out = new long[queries.length];
        try (Connection c = stack.physical("org", 0).getConnection()) {
            for (int i = 0; i < queries.length; i++) {
                try (PreparedStatement p = c.prepareStatement(queries[i])) {
                    if (queries[i].contains("?")) {
                        p.setLong(1, tenantId);
                    }
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        out[i] = rs.getLong(1);
                    }
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode login(String tenant, String account, String password) throws Exception {
        return ok(call("POST", "/auth/login", null, Map.of("tenantCode", tenant, "account", account,
                "password", password)));
    }

    /** im-access finds im-org-service through the registry asynchronously: retry while it answers 503. */
    private static JsonNode awaitLogin(String tenant, String account, String password) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> r = null;
        while (System.nanoTime() < deadline) {
            r = call("POST", "/auth/login", null, Map.of("tenantCode", tenant, "account", account, "password", password));
            if (r.statusCode() != 503) {
                return ok(r);
            }
            Thread.sleep(300);
        }
        throw new AssertionError("login kept failing: " + (r == null ? "no answer" : r.statusCode() + " " + r.body()));
    }

    private static HttpResponse<String> call(String method, String path, String token, Object body) throws Exception {
        return raw(method, path, token, body == null ? null : JSON.writeValueAsString(body));
    }

    private static HttpResponse<String> raw(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static long id(JsonNode answer) {
        assertThat(answer.get("id").isTextual()).isTrue();
        return Long.parseLong(answer.get("id").asText());
    }

    private static void assertError(HttpResponse<String> r, int status, int code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("code").asInt()).as(r.body()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    private static JsonNode find(JsonNode array, String id) {
        return find(array, "id", id);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.get(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }

}
