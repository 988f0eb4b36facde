package im.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import im.api.message.MessageEventCodec;
import im.api.message.MessageRecalledEvent;
import im.api.message.MessageSentEvent;
import im.api.message.MessageTopics;
import im.testkit.FreePorts;
import im.testkit.ServiceProcess;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.elasticsearch.action.admin.indices.delete.DeleteIndexRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.indices.DeleteComposableIndexTemplateRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The search routes of PROTOCOL.md end to end: im-org-service, im-ext-logic and im-access as three
 * processes (own registry group, own archive index prefix and consumer groups). Messages reach the
 * archive the way im-logic sends them: {@link MessageSentEvent}s and {@link MessageRecalledEvent}s on
 * the real RocketMQ topics, consumed by im-ext-logic into Elasticsearch; this test searches them
 * through the HTTP API as an employee and as the tenant admin.
 */
@ExtendWith(StackExtension.class)
// The high-level REST client is deprecated upstream, but it is the one the archive uses (ARCHITECTURE.md).
@SuppressWarnings("deprecation")
class SearchHttpIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String REGISTRY_GROUP = "search-it-" + RUN;
    private static final String INDEX_PREFIX = "it-search-http-" + RUN;
    private static final String EXT_LOGIC_INSTANCE = "im-ext-logic-search-it-" + RUN;
    private static final String PASSWORD = "Secret-pass-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** How long the archive may take to show a change before a test fails (it normally takes ~1 s). */
    private static final Duration ARCHIVE_WAIT = Duration.ofSeconds(60);
    /** A paging word that only the paging messages hold. */
    private static final String PAGE_WORD = "pagingword" + RUN;

    /** JVM start-up on a shared 2-core machine under load has taken over 2 minutes; a hung start still fails. */
    private static final Duration STARTUP_WAIT = Duration.ofMinutes(5);
    private static final List<ServiceProcess> processes = new ArrayList<>();
    private static Stack stack;
    private static DefaultMQProducer producer;
    private static String base;
    private static String tenantCode;
    private static long tenantId;
    private static String adminToken;
    private static long adminId;
    private static long alice;
    private static long bob;
    private static long carol;
    private static String aliceToken;
    private static String bobToken;
    private static long teamGroup;
    private static long otherGroup;
    private static long nextMsgId = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    private static long pagingFrom;
    private static final List<Long> paging = new ArrayList<>();
    private static long aliceToBob;
    private static long bobToCarol;
    private static long teamCjk;
    private static long otherGroupCjk;

    @BeforeAll
    static void startServices(Stack s) throws Exception {
        stack = s;
        int httpPort = FreePorts.take();
        Map<String, String> env = Map.of("IM_DUBBO_REGISTRY_GROUP", REGISTRY_GROUP,
                "IM_HTTP_PORT", Integer.toString(httpPort),
                "IM_GATEWAY_TCP_PORT", Integer.toString(FreePorts.take()),
                "IM_GATEWAY_WS_PORT", Integer.toString(FreePorts.take()),
                "IM_AUTH_BCRYPT_COST", "4",
                // Our own archive and consumer groups: a running stack's im-ext-logic neither takes our
                // events nor shares our index, and we take none of its push events.
                "IM_ARCHIVE_INDEX_PREFIX", INDEX_PREFIX,
                "IM_ARCHIVE_CONSUMER_GROUP", "it-search-http-archive-" + RUN,
                "IM_PUSH_CONSUMER_GROUP", "it-search-http-push-" + RUN);
        processes.add(ServiceProcess.start(s.repoRoot(), "im-org-service", "im-org-service-search-it", env));
        processes.add(ServiceProcess.start(s.repoRoot(), "im-ext-logic", EXT_LOGIC_INSTANCE, env));
        processes.add(ServiceProcess.start(s.repoRoot(), "im-access", "im-access-search-it", env));
        for (ServiceProcess p : processes) {
            p.awaitHealthy(STARTUP_WAIT);
        }
        base = "http://127.0.0.1:" + httpPort + "/api/v1";
        producer = s.rocketMq("search-http-it-" + RUN).producer("search-http-it-" + RUN);

        String platformToken = awaitLogin("platform", "platform-admin", "platform-admin-pass").get("token").asText();
        tenantCode = "search-" + RUN;
        JsonNode tenant = ok(call("POST", "/admin/tenants", platformToken, Map.of("code", tenantCode,
                "name", "Search IT", "adminAccount", "admin", "adminPassword", PASSWORD)));
        tenantId = Long.parseLong(tenant.get("tenantId").asText());
        adminId = Long.parseLong(tenant.get("adminUserId").asText());
        adminToken = login(tenantCode, "admin", PASSWORD);
        alice = createUser("alice");
        bob = createUser("bob");
        carol = createUser("carol");
        aliceToken = login(tenantCode, "alice", PASSWORD);
        bobToken = login(tenantCode, "bob", PASSWORD);
        teamGroup = Long.parseLong(ok(call("POST", "/groups", aliceToken, Map.of("name", "Team",
                "memberIds", List.of(Long.toString(bob), Long.toString(carol))))).get("groupId").asText());
        otherGroup = Long.parseLong(ok(call("POST", "/groups", bobToken, Map.of("name", "Others",
                "memberIds", List.of(Long.toString(carol))))).get("groupId").asText());

        awaitArchiveConsuming();
        long now = System.currentTimeMillis();
        aliceToBob = single(alice, bob, now - 60_000, "the quarterly zebra report is ready");
        bobToCarol = single(bob, carol, now - 59_000, "zebra crossing at noon");
        teamCjk = group(teamGroup, List.of(alice, bob, carol), carol, now - 58_000, "明天的会议纪要已经发出");
        otherGroupCjk = group(otherGroup, List.of(bob, carol), bob, now - 57_000, "会议纪要 zebra 不给爱丽丝看");
        pagingFrom = now - 50_000;
        for (int i = 0; i < 5; i++) {
            paging.add(single(i % 2 == 0 ? alice : bob, i % 2 == 0 ? bob : alice, pagingFrom + i * 1000L,
                    PAGE_WORD + " number " + i));
        }
        awaitHits(aliceToken, "/search/messages?q=" + PAGE_WORD, r -> r.get("total").asLong() == 5,
                "the 5 paging messages archived");
        awaitHits(bobToken, "/search/messages?q=zebra", r -> msgIds(r).containsAll(List.of(aliceToBob, bobToCarol,
                otherGroupCjk)), "bob's zebra messages archived");
        awaitHits(aliceToken, "/search/messages?q=" + enc("会议"), r -> msgIds(r).contains(teamCjk),
                "the team's CJK message archived");
    }

    @AfterAll
    static void stopServices() {
        if (producer != null) {
            producer.shutdown();
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        if (stack != null) {
            try {
                stack.elasticsearch().indices().delete(new DeleteIndexRequest(INDEX_PREFIX + "-*"),
                        RequestOptions.DEFAULT);
                stack.elasticsearch().indices().deleteIndexTemplate(
                        new DeleteComposableIndexTemplateRequest(INDEX_PREFIX), RequestOptions.DEFAULT);
            } catch (Exception e) {
                System.err.println("SearchHttpIT: archive cleanup failed: " + e);
            }
        }
    }

    // ---------------------------------------------------------------- employee search

    @Test
    void employee_shouldFindALatinWord_onlyInItsOwnConversations() throws Exception {
        JsonNode r = ok(call("GET", "/search/messages?q=zebra", aliceToken, null));

        assertThat(msgIds(r)).containsExactly(aliceToBob);
        assertThat(r.get("total").asLong()).isEqualTo(1);
        JsonNode hit = r.get("hits").get(0);
        assertThat(hit.get("msgId").isTextual()).isTrue();
        assertThat(hit.get("convType").asText()).isEqualTo("SINGLE");
        assertThat(hit.get("convId").asText()).isEqualTo(Long.toString(bob));
        assertThat(hit.get("fromUserId").asText()).isEqualTo(Long.toString(alice));
        assertThat(hit.get("text").asText()).isEqualTo("the quarterly zebra report is ready");
        assertThat(hit.get("highlight").asText()).contains("<em>zebra</em>");
        assertThat(hit.get("sendTime").isNumber()).isTrue();
        assertThat(hit.has("recalled")).isFalse();
    }

    @Test
    void employee_shouldFindACjkWord_onlyInGroupsItBelongsTo() throws Exception {
        JsonNode alices = ok(call("GET", "/search/messages?q=" + enc("会议纪要"), aliceToken, null));
        JsonNode bobs = ok(call("GET", "/search/messages?q=" + enc("会议纪要"), bobToken, null));

        assertThat(msgIds(alices)).containsExactly(teamCjk);
        assertThat(alices.get("hits").get(0).get("convType").asText()).isEqualTo("GROUP");
        assertThat(alices.get("hits").get(0).get("convId").asText()).isEqualTo(Long.toString(teamGroup));
        assertThat(alices.get("hits").get(0).get("highlight").asText()).contains("<em>");
        assertThat(msgIds(bobs)).containsExactlyInAnyOrder(teamCjk, otherGroupCjk);
    }

    @Test
    void employee_shouldSeeTheOtherUserAsConvId_whenItReceivedASingleMessage() throws Exception {
        JsonNode r = ok(call("GET", "/search/messages?q=zebra&convType=SINGLE&convId=" + alice, bobToken, null));

        assertThat(msgIds(r)).containsExactly(aliceToBob);
        assertThat(r.get("hits").get(0).get("convId").asText()).isEqualTo(Long.toString(alice));
    }

    @Test
    void employee_shouldPageNewestFirst_withoutRepeats() throws Exception {
        List<Long> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode r = ok(call("GET", "/search/messages?q=" + PAGE_WORD + "&size=2&page=" + page, aliceToken, null));
            assertThat(r.get("total").asLong()).isEqualTo(5);
            assertThat(r.get("hits").size()).isEqualTo(page < 3 ? 2 : 1);
            seen.addAll(msgIds(r));
        }
        JsonNode beyond = ok(call("GET", "/search/messages?q=" + PAGE_WORD + "&size=2&page=4", aliceToken, null));

        List<Long> newestFirst = new ArrayList<>(paging);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(beyond.get("hits").size()).isZero();
    }

    @Test
    void employee_shouldFilterByTimeRangeAndSender() throws Exception {
        JsonNode range = ok(call("GET", "/search/messages?q=" + PAGE_WORD + "&from=" + (pagingFrom + 1000) + "&to="
                + (pagingFrom + 3000), aliceToken, null));
        JsonNode fromBob = ok(call("GET", "/search/messages?q=" + PAGE_WORD + "&fromUserId=" + bob, aliceToken,
                null));

        assertThat(msgIds(range)).containsExactly(paging.get(2), paging.get(1));
        assertThat(msgIds(fromBob)).containsExactly(paging.get(3), paging.get(1));
    }

    @Test
    void recalledMessage_shouldLeaveEmployeeResults_andStayMarkedForTheAdmin() throws Exception {
        String word = "recallword" + RUN;
        long now = System.currentTimeMillis();
        long msgId = single(alice, bob, now, "a " + word + " to take back");
        awaitHits(bobToken, "/search/messages?q=" + word, r -> msgIds(r).contains(msgId), "the message archived");

        publish(new Message(MessageTopics.MESSAGE_RECALLED, "SINGLE", Long.toString(msgId),
                MessageEventCodec.encode(new MessageRecalledEvent(msgId, tenantId, 1, bob, alice, now + 1))));

        awaitHits(bobToken, "/search/messages?q=" + word, r -> msgIds(r).isEmpty(), "the recalled message gone");
        JsonNode alices = ok(call("GET", "/search/messages?q=" + word, aliceToken, null));
        JsonNode admins = ok(call("GET", "/admin/search/messages?q=" + word, adminToken, null));
        assertThat(msgIds(alices)).isEmpty();
        assertThat(msgIds(admins)).containsExactly(msgId);
        assertThat(admins.get("hits").get(0).get("recalled").asBoolean()).isTrue();
        assertThat(admins.get("hits").get(0).get("text").asText()).contains(word);
    }

    // ---------------------------------------------------------------- admin search

    @Test
    void admin_shouldSearchTheWholeTenant_withRecalledFlags() throws Exception {
        JsonNode r = ok(call("GET", "/admin/search/messages?q=zebra", adminToken, null));
        JsonNode carolsChats = ok(call("GET", "/admin/search/messages?q=zebra&convType=SINGLE&convId=" + carol,
                adminToken, null));

        assertThat(msgIds(r)).containsExactlyInAnyOrder(aliceToBob, bobToCarol, otherGroupCjk);
        assertThat(r.get("hits")).allSatisfy(h -> assertThat(h.get("recalled").asBoolean()).isFalse());
        assertThat(msgIds(carolsChats)).containsExactly(bobToCarol);
    }

    @Test
    void adminSearch_shouldBeAudited_withTheCallerAndTheQuery() throws Exception {
        String probe = "auditprobe" + RUN;
        ok(call("GET", "/admin/search/messages?q=" + probe + "&convType=GROUP", adminToken, null));

        Path log = stack.repoRoot().resolve("im-ext-logic/target/it-logs/" + EXT_LOGIC_INSTANCE + ".log");
        String expected = "admin search: {tenantId=" + tenantId + ", userId=" + adminId + ", q=\"" + probe + "\"";
        String line = null;
        long deadline = System.nanoTime() + ARCHIVE_WAIT.toNanos();
        while (line == null && System.nanoTime() < deadline) {
            try (Stream<String> lines = Files.lines(log)) {
                line = lines.filter(l -> l.contains(expected)).findFirst().orElse(null);
            }
            if (line == null) {
                Thread.sleep(200);
            }
        }
        assertThat(line).as("an audit line containing %s in %s", expected, log).isNotNull();
        assertThat(line).contains("im.audit.search").contains("convType=2");
    }

    @Test
    void employee_shouldBeForbidden_onTheAdminEndpoint() throws Exception {
        assertError(call("GET", "/admin/search/messages?q=zebra", aliceToken, null), 403, 1003);
    }

    @Test
    void departmentAdmin_shouldBeForbidden_onTheAdminEndpoint() throws Exception {
        long department = Long.parseLong(ok(call("POST", "/admin/departments", adminToken,
                Map.of("parentId", 0, "name", "Dept " + RUN))).get("id").asText());
        long lead = createUser("lead", List.of(Long.toString(department)));
        ok(call("PUT", "/admin/departments/" + department + "/admins/" + lead, adminToken, Map.of("admin", true)));
        String leadToken = login(tenantCode, "lead", PASSWORD);

        assertError(call("GET", "/admin/search/messages?q=zebra", leadToken, null), 403, 1003);
        assertThat(ok(call("GET", "/search/messages?q=zebra", leadToken, null)).get("total").asLong()).isZero();
    }

    @Test
    void platformAdmin_shouldBeForbidden_onBothEndpoints() throws Exception {
        String platform = awaitLogin("platform", "platform-admin", "platform-admin-pass").get("token").asText();

        assertError(call("GET", "/search/messages?q=zebra", platform, null), 403, 1003);
        assertError(call("GET", "/admin/search/messages?q=zebra", platform, null), 403, 1003);
    }

    @Test
    void bothEndpoints_shouldAnswer401_withoutAValidToken() throws Exception {
        assertError(call("GET", "/search/messages?q=zebra", null, null), 401, 1001);
        assertError(call("GET", "/admin/search/messages?q=zebra", null, null), 401, 1001);
        assertError(call("GET", "/search/messages?q=zebra", "not-a-token", null), 401, 1001);
    }

    static Stream<Arguments> badQueries() {
        return Stream.of(
                Arguments.of("no q", ""),
                Arguments.of("blank q", "q=%20%20"),
                Arguments.of("q too long", "q=" + "x".repeat(201)),
                Arguments.of("unknown parameter", "q=zebra&sender=1"),
                Arguments.of("repeated parameter", "q=zebra&q=lion"),
                Arguments.of("unknown convType", "q=zebra&convType=PRIVATE"),
                Arguments.of("convType as a number", "q=zebra&convType=1"),
                Arguments.of("convId without convType", "q=zebra&convId=5"),
                Arguments.of("convId not an id", "q=zebra&convType=GROUP&convId=abc"),
                Arguments.of("negative from", "q=zebra&from=-1"),
                Arguments.of("to before from", "q=zebra&from=2000&to=1000"),
                Arguments.of("fromUserId not an id", "q=zebra&fromUserId=1e3"),
                Arguments.of("page 0", "q=zebra&page=0"),
                Arguments.of("size 0", "q=zebra&size=0"),
                Arguments.of("size above 100", "q=zebra&size=101"),
                Arguments.of("too deep", "q=zebra&size=100&page=101"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badQueries")
    void badQuery_shouldAnswer400_onBothEndpoints(String why, String query) throws Exception {
        assertError(call("GET", "/search/messages?" + query, aliceToken, null), 400, 1000);
        assertError(call("GET", "/admin/search/messages?" + query, adminToken, null), 400, 1000);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A new consumer group starts at the end of each queue once it has its queues; events published
     * before that would be skipped. Publishes a probe until it can be found, so the real events are
     * published only once im-ext-logic consumes.
     */
    private static void awaitArchiveConsuming() throws Exception {
        String word = "warmup" + RUN;
        long probe = single(alice, bob, System.currentTimeMillis(), word);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long republishAt = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = call("GET", "/search/messages?q=" + word, aliceToken, null);
            if (r.statusCode() == 200 && msgIds(JSON.readTree(r.body())).contains(probe)) {
                return;
            }
            if (System.nanoTime() > republishAt) { // indexing is idempotent by msg_id
                publishSent(probe, alice, 1, bob, List.of(bob), System.currentTimeMillis(), word);
                republishAt = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            }
            Thread.sleep(300);
        }
        throw new AssertionError("im-ext-logic never archived the warm-up message; see " + EXT_LOGIC_INSTANCE
                + ".log:\n" + processes.get(1).tail());
    }

    private static long single(long from, long to, long sendTime, String text) throws Exception {
        long msgId = ++nextMsgId;
        publishSent(msgId, from, 1, to, List.of(to), sendTime, text);
        return msgId;
    }

    private static long group(long groupId, List<Long> members, long from, long sendTime, String text)
            throws Exception {
        long msgId = ++nextMsgId;
        publishSent(msgId, from, 2, groupId, members.stream().filter(m -> m != from).sorted().toList(), sendTime,
                text);
        return msgId;
    }

    /** As im-logic's EventPublisher does: key = msg id, tag = conv type name. */
    private static void publishSent(long msgId, long from, int convType, long convId, List<Long> recipients,
                                    long sendTime, String text) throws Exception {
        publish(new Message(MessageTopics.MESSAGE_SENT, convType == 1 ? "SINGLE" : "GROUP", Long.toString(msgId),
                MessageEventCodec.encode(new MessageSentEvent(msgId, tenantId, convType, convId, from, sendTime, 1,
                        text, convType == 1, recipients, List.of()))));
    }

    private static void publish(Message m) throws Exception {
        SendStatus status = producer.send(m).getSendStatus();
        assertThat(status).as("publish to %s", m.getTopic()).isEqualTo(SendStatus.SEND_OK);
    }

    /** Polls a search until {@code done} holds; fails naming {@code what} and the last answer. */
    private static void awaitHits(String token, String path, Predicate<JsonNode> done, String what)
            throws Exception {
        long deadline = System.nanoTime() + ARCHIVE_WAIT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = call("GET", path, token, null);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200 && done.test(JSON.readTree(r.body()))) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("archive never showed " + what + " for GET " + path + "; last answer: " + last);
    }

    private static List<Long> msgIds(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("hits").forEach(h -> ids.add(Long.parseLong(h.get("msgId").asText())));
        return ids;
    }

    private static long createUser(String account) throws Exception {
        return createUser(account, List.of());
    }

    private static long createUser(String account, List<String> departmentIds) throws Exception {
        return Long.parseLong(ok(call("POST", "/admin/users", adminToken, Map.of("account", account,
                "password", PASSWORD, "name", account, "departmentIds", departmentIds))).get("id").asText());
    }

    private static String login(String tenant, String account, String password) throws Exception {
        return ok(call("POST", "/auth/login", null, Map.of("tenantCode", tenant, "account", account,
                "password", password))).get("token").asText();
    }

    /** im-access finds im-org-service through the registry asynchronously: retry while it answers 503. */
    private static JsonNode awaitLogin(String tenant, String account, String password) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> r = null;
        while (System.nanoTime() < deadline) {
            r = call("POST", "/auth/login", null, Map.of("tenantCode", tenant, "account", account, "password",
                    password));
            if (r.statusCode() != 503) {
                return ok(r);
            }
            Thread.sleep(300);
        }
        throw new AssertionError("login kept failing: " + (r == null ? "no answer" : r.statusCode() + " " + r.body()));
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
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

    private static void assertError(HttpResponse<String> r, int status, int code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("code").asInt()).as(r.body()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
    }

}
