package im.systemtest.access;

import static im.systemtest.ItSupport.retrying;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import im.api.org.Caller;
import im.api.org.GroupService;
import im.api.org.TenantCreated;
import im.api.org.TenantService;
import im.api.org.UserService;
import im.api.protocol.CommonResp;
import im.api.protocol.ContentType;
import im.api.protocol.ConvListReq;
import im.api.protocol.ConvListResp;
import im.api.protocol.ConvType;
import im.api.protocol.Message;
import im.api.protocol.MsgAck;
import im.api.protocol.MsgKind;
import im.api.protocol.MsgPush;
import im.api.protocol.Platform;
import im.api.protocol.ReadReq;
import im.api.protocol.ReadSync;
import im.api.protocol.RecallReq;
import im.api.protocol.ReceiptNotify;
import im.api.protocol.ReceiptQueryReq;
import im.api.protocol.ReceiptQueryResp;
import im.api.protocol.SendReq;
import im.api.protocol.SendResp;
import im.api.protocol.SyncReq;
import im.api.protocol.SyncResp;
import im.api.push.OfflinePushCodec;
import im.api.push.OfflinePushEvent;
import im.api.push.PushDevice;
import im.infra.auth.AccessToken;
import im.infra.auth.TokenCodec;
import im.infra.config.CommonSettings;
import im.infra.dubbo.DubboNode;
import im.infra.route.RouteTable;
import im.testkit.FreePorts;
import im.testkit.ServiceProcess;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.elasticsearch.action.admin.indices.delete.DeleteIndexRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.indices.DeleteComposableIndexTemplateRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RedissonClient;

/**
 * Messaging end to end through the gateway: real clients on two im-access processes over TCP and
 * WebSocket, im-logic and im-org-service, each its own JVM (two im-logic processes are covered by
 * {@code MessagingAcrossProcessesIT}), on real MariaDB, Redis,
 * ZooKeeper and RocketMQ. Checks PROTOCOL.md semantics 3-7 as a client sees them: the answer, the
 * pushes to the peer and to the sender's other devices (never to the sending connection), sync,
 * read with {@code READ_SYNC_NOTIFY}, the conversation list, recall, errors, and offline-push events
 * for members with no device online and for pushes never acknowledged.
 */
@ExtendWith(StackExtension.class)
@SuppressWarnings("deprecation") // RestHighLevelClient: the 7.17 client of the archive, as in im-ext-logic
class GatewayMessagingIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String REGISTRY_GROUP = "gw-msg-it-" + RUN;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final List<ServiceProcess> processes = new ArrayList<>();
    private static final List<OfflinePushEvent> offlineEvents = new CopyOnWriteArrayList<>();
    private static Gateway a;
    private static Gateway b;
    private static TokenCodec tokens;
    private static RedissonClient redis;
    private static ServiceProcess receipts;
    private static RestHighLevelClient elasticsearch;
    private static final String INDEX_PREFIX = "it-gw-archive-" + RUN;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DubboNode dubbo;
    private static DefaultMQPushConsumer offlineConsumer;
    private static long tenant;
    private static Caller admin;
    private static DubboNode.Reference<UserService> users;
    private static DubboNode.Reference<GroupService> groups;

    private record Gateway(int tcp, int ws, int http) {
    }

    @BeforeAll
    static void start(Stack run) throws Exception {
        // a namespace of its own: fresh topics, so the receipt service's consumer groups have no earlier
        // test's read events to replay before this class's (see the receipt test below)
        Stack stack = run.isolated("gw");
        redis = stack.redisson();
        elasticsearch = stack.elasticsearch();
        tokens = new TokenCodec(Base64.getDecoder().decode(stack.config().string("auth.token.secret")));
        Map<String, String> env = Map.of("IM_DUBBO_REGISTRY_GROUP", REGISTRY_GROUP,
                "IM_NAMESPACE", stack.namespace().name());
        processes.add(ServiceProcess.start(stack.repoRoot(), "im-org-service", "org-gw-it-" + RUN, env));
        processes.add(ServiceProcess.start(stack.repoRoot(), "im-logic", "logic-gw-it-" + RUN, env));
        // its own archive index and consumer groups: a running stack's im-ext-logic shares neither
        Map<String, String> extEnv = new HashMap<>(env);
        extEnv.put("IM_ARCHIVE_INDEX_PREFIX", INDEX_PREFIX);
        extEnv.put("IM_ARCHIVE_CONSUMER_GROUP", "gw-it-archive-" + RUN);
        extEnv.put("IM_PUSH_CONSUMER_GROUP", "gw-it-push-" + RUN);
        processes.add(ServiceProcess.start(stack.repoRoot(), "im-ext-logic", "ext-gw-it-" + RUN, extEnv));
        // the receipt service's default consumer groups, in this class's namespace: the topics are new, so
        // there is no history to replay (the broker starts a new group at offset 0 while the queue's start
        // is in memory)
        receipts = ServiceProcess.start(stack.repoRoot(), "im-receipt-service", "receipt-gw-it-" + RUN, env);
        processes.add(receipts);
        a = startAccess(stack, "access-gw-it-a-" + RUN);
        b = startAccess(stack, "access-gw-it-b-" + RUN);
        for (ServiceProcess p : processes) {
            p.awaitReady(ServiceProcess.STARTUP_WAIT);
        }
        dubbo = new DubboNode(new CommonSettings("im-system-tests", "im-system-tests-gw-" + RUN, "127.0.0.1", 1, 1,
                stack.zkAddress(), stack.namespace(), REGISTRY_GROUP, 10_000));
        DubboNode.Reference<TenantService> tenants = dubbo.reference(TenantService.class, "im-org-service");
        users = dubbo.reference(UserService.class, "im-org-service");
        groups = dubbo.reference(GroupService.class, "im-org-service");
        dubbo.start();
        TenantCreated created = retrying(() -> tenants.get().createTenant(
                new Caller(Caller.PLATFORM_TENANT_ID, Caller.PLATFORM_ADMIN_USER_ID), "gw-" + RUN, "Gateway IT",
                "admin", "admin-pass-1"));
        tenant = created.tenantId();
        admin = new Caller(tenant, created.adminUserId());

        offlineConsumer = stack.rocketMq("gw-it-" + RUN).consumer("gw-it-offline-" + RUN, OfflinePushEvent.TOPIC,
                (messages, context) -> {
                    for (MessageExt m : messages) {
                        OfflinePushEvent e = OfflinePushCodec.decode(m.getBody());
                        if (e.tenantId() == tenant) {
                            offlineEvents.add(e);
                        }
                    }
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
    }

    private static Gateway startAccess(Stack stack, String instanceId) throws IOException {
        int tcp = FreePorts.take();
        int ws = FreePorts.take();
        int http = FreePorts.take();
        Map<String, String> env = new HashMap<>();
        env.put("IM_DUBBO_REGISTRY_GROUP", REGISTRY_GROUP);
        env.put("IM_NAMESPACE", stack.namespace().name());
        env.put("IM_GATEWAY_TCP_PORT", Integer.toString(tcp));
        env.put("IM_GATEWAY_WS_PORT", Integer.toString(ws));
        env.put("IM_HTTP_PORT", Integer.toString(http));
        env.put("IM_GATEWAY_PUSH_RETRY_MS", "300");
        processes.add(ServiceProcess.start(stack.repoRoot(), "im-access", instanceId, env));
        return new Gateway(tcp, ws, http);
    }

    @AfterAll
    static void stop() throws Exception {
        if (offlineConsumer != null) {
            offlineConsumer.shutdown();
        }
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
        if (elasticsearch != null) {
            elasticsearch.indices().delete(new DeleteIndexRequest(INDEX_PREFIX + "-*"), RequestOptions.DEFAULT);
            elasticsearch.indices().deleteIndexTemplate(new DeleteComposableIndexTemplateRequest(INDEX_PREFIX),
                    RequestOptions.DEFAULT);
        }
    }

    @Test
    void sentThroughTheGateway_shouldBeFoundByAWord_byMembersOnly_untilRecalled() throws Exception {
        long alice = newUser("searcher");
        long bob = newUser("peer");
        long carol = newUser("outsider");
        String word = "zebra" + RUN;
        try (TestClient aliceDesk = new TcpTestClient(a.tcp())) {
            login(aliceDesk, alice, Platform.DESKTOP);
            SendResp latin = send(aliceDesk, 50, ConvType.SINGLE, bob, "the quarterly " + word + " report");
            SendResp cjk = send(aliceDesk, 51, ConvType.SINGLE, bob, "明天的会议纪要 " + word);
            assertThat(latin.getCode()).isZero();
            assertThat(cjk.getCode()).isZero();

            awaitSearch(bob, word, ids -> ids.containsAll(List.of(latin.getMsgId(), cjk.getMsgId())),
                    "both messages archived and found by the peer");
            awaitSearch(bob, "会议纪要", ids -> ids.contains(cjk.getMsgId()), "the CJK phrase found");
            assertThat(search(carol, word)).as("someone outside the conversation finds nothing").isEmpty();

            CommonResp recalled = CommonResp.parseFrom(request(aliceDesk, 16, 52,
                    RecallReq.newBuilder().setMsgId(latin.getMsgId()).build().toByteArray()).body());
            assertThat(recalled.getCode()).isZero();
            awaitSearch(bob, word, ids -> !ids.contains(latin.getMsgId()) && ids.contains(cjk.getMsgId()),
                    "the recalled message leaves the results");
        }
    }

    /**
     * Runs by default since the stack namespaces (issue 13): this class's processes have a namespace of
     * their own, so the receipt service's read consumer starts on an empty {@code im-message-read} and
     * meets only this test's reads, not the backlog earlier tests (or a running stack) published.
     */
    @Test
    void groupRead_shouldNotifyTheSenderWithCounts_andReceiptQueryListsExactlyWhoRead() throws Exception {
        long sender = newUser("rsender");
        long reader = newUser("rreader");
        long idle = newUser("ridle");
        long group = retrying(() -> groups.get().create(new Caller(tenant, sender), "receipts", List.of(reader, idle)));
        try (TestClient senderDesk = new TcpTestClient(a.tcp()); TestClient readerDesk = new TcpTestClient(b.tcp())) {
            login(senderDesk, sender, Platform.DESKTOP);
            login(readerDesk, reader, Platform.DESKTOP);
            SendReq req = SendReq.newBuilder().setClientMsgId(UUID.randomUUID().toString()).setConvType(ConvType.GROUP)
                    .setToId(group).setContentType(ContentType.TEXT).setText("please read").setNeedReceipt(true)
                    .build();
            SendResp sent = SendResp.parseFrom(request(senderDesk, WireFrame.SEND_REQ, 60, req.toByteArray()).body());
            assertThat(sent.getCode()).as(sent.getMessage()).isZero();
            Message pushed = awaitPushOf(readerDesk, sent.getMsgId());

            // the receipt service records the message from its sent event: retry the read until it counts
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            ReceiptQueryResp detail;
            int seq = 61;
            do {
                CommonResp read = CommonResp.parseFrom(request(readerDesk, 18, ++seq, ReadReq.newBuilder()
                        .setConvType(ConvType.GROUP).setConvId(group).setReadSeq(pushed.getSeq()).build()
                        .toByteArray()).body());
                assertThat(read.getCode()).isZero();
                Thread.sleep(300);
                detail = ReceiptQueryResp.parseFrom(request(senderDesk, 20, ++seq,
                        ReceiptQueryReq.newBuilder().setMsgId(sent.getMsgId()).build().toByteArray()).body());
            } while ((detail.getCode() != 0 || detail.getReadCount() == 0) && System.nanoTime() < deadline);
            assertThat(detail.getCode()).as(detail.getMessage()).isZero();
            assertThat(detail.getReadUserIdsList()).as("read marks; the receipt service's counters: %s",
                    receiptCounters()).containsExactly(reader);
            assertThat(detail.getUnreadUserIdsList()).containsExactly(idle);

            ReceiptNotify notify = ReceiptNotify.parseFrom(senderDesk.awaitCmd(22, WAIT, null).body());
            assertThat(notify.getCountsList()).anySatisfy(c -> {
                assertThat(c.getMsgId()).isEqualTo(sent.getMsgId());
                assertThat(c.getReadCount() + c.getUnreadCount()).isEqualTo(2);
            });
            ReceiptQueryResp notYours = ReceiptQueryResp.parseFrom(request(readerDesk, 20, ++seq,
                    ReceiptQueryReq.newBuilder().setMsgId(sent.getMsgId()).build().toByteArray()).body());
            assertThat(notYours.getCode()).as("only the sender and tenant admins may ask").isEqualTo(1003);
        }
    }

    private static String receiptCounters() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + receipts.adminPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return r.body().lines().filter(l -> l.startsWith("im_receipt")).toList().toString();
    }

    /** Message ids an employee's {@code GET /search/messages} finds. */
    private static List<Long> search(long user, String q) throws Exception {
        long now = System.currentTimeMillis();
        String token = tokens.encode(new AccessToken(tokens.newTokenId(), tenant, user, now - 1000, now + 3_600_000));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.http()
                        + "/api/v1/search/messages?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        JSON.readTree(r.body()).get("hits").forEach(h -> ids.add(Long.parseLong(h.get("msgId").asText())));
        return ids;
    }

    private static void awaitSearch(long user, String q, Predicate<List<Long>> done, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<Long> last = List.of();
        while (System.nanoTime() < deadline) {
            last = search(user, q);
            if (done.test(last)) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(what + ": not within 90 s; last hits " + last);
    }

    @Test
    void singleChat_shouldAnswerPushToThePeerAndTheSendersOtherDevice_syncReadListAndRecall() throws Exception {
        long alice = newUser("alice");
        long bob = newUser("bob");
        try (TestClient aliceDesk = new TcpTestClient(a.tcp()); TestClient alicePhone = new WsTestClient(b.ws());
             TestClient bobDesk = new TcpTestClient(b.tcp())) {
            login(aliceDesk, alice, Platform.DESKTOP);
            login(alicePhone, alice, Platform.MOBILE);
            login(bobDesk, bob, Platform.DESKTOP);

            SendResp sent = send(aliceDesk, 10, ConvType.SINGLE, bob, "hello bob");
            assertThat(sent.getCode()).as(sent.getMessage()).isZero();
            assertThat(sent.getSeq()).as("the sender's own copy").isPositive();

            Message atBob = onlyMessage(bobDesk.awaitCmd(WireFrame.MSG_PUSH, WAIT, null));
            assertThat(atBob.getMsgId()).isEqualTo(sent.getMsgId());
            assertThat(atBob.getConvId()).as("seen from bob: the other user").isEqualTo(alice);
            assertThat(atBob.getFromUserId()).isEqualTo(alice);
            assertThat(atBob.getText()).isEqualTo("hello bob");
            bobDesk.send(new WireFrame(WireFrame.MSG_ACK, 0, MsgAck.newBuilder().setMaxSeq(atBob.getSeq()).build()
                    .toByteArray()));
            Message atAlicePhone = onlyMessage(alicePhone.awaitCmd(WireFrame.MSG_PUSH, WAIT, null));
            assertThat(atAlicePhone.getMsgId()).isEqualTo(sent.getMsgId());
            assertThat(atAlicePhone.getSeq()).isEqualTo(sent.getSeq());
            assertThat(atAlicePhone.getConvId()).as("seen from alice: the other user").isEqualTo(bob);

            SendResp reply = send(bobDesk, 11, ConvType.SINGLE, alice, "hi alice");
            assertThat(reply.getCode()).as(reply.getMessage()).isZero();
            List<WireFrame> before = new ArrayList<>();
            Message replyAtAlice = onlyMessage(aliceDesk.awaitCmd(WireFrame.MSG_PUSH, WAIT, before));
            assertThat(replyAtAlice.getMsgId()).isEqualTo(reply.getMsgId());
            assertThat(before).as("the sending connection gets SEND_RESP, not a push of its own message")
                    .noneMatch(f -> f.cmd() == WireFrame.MSG_PUSH);

            SyncResp sync = SyncResp.parseFrom(request(bobDesk, 14, 12,
                    SyncReq.newBuilder().setSinceSeq(0).setLimit(100).build().toByteArray()).body());
            assertThat(sync.getCode()).isZero();
            assertThat(sync.getMessagesList()).extracting(Message::getMsgId)
                    .containsExactly(sent.getMsgId(), reply.getMsgId());
            assertThat(sync.getMaxSeq()).isEqualTo(sync.getMessages(1).getSeq());

            ConvListResp before0 = convList(alicePhone, 13);
            assertThat(before0.getTotalUnread()).isEqualTo(1);
            CommonResp read = CommonResp.parseFrom(request(alicePhone, 18, 14, ReadReq.newBuilder()
                    .setConvType(ConvType.SINGLE).setConvId(bob).setReadSeq(replyAtAlice.getSeq()).build()
                    .toByteArray()).body());
            assertThat(read.getCode()).as(read.getMessage()).isZero();
            ReadSync readSync = ReadSync.parseFrom(aliceDesk.awaitCmd(23, WAIT, null).body());
            assertThat(readSync.getConvId()).isEqualTo(bob);
            assertThat(readSync.getReadSeq()).isEqualTo(replyAtAlice.getSeq());
            assertThat(readSync.getTotalUnread()).isZero();
            ConvListResp list = convList(alicePhone, 15);
            assertThat(list.getTotalUnread()).isZero();
            assertThat(list.getConversationsList()).singleElement().satisfies(c -> {
                assertThat(c.getConvId()).isEqualTo(bob);
                assertThat(c.getLastMessage().getMsgId()).isEqualTo(reply.getMsgId());
                assertThat(c.getUnread()).isZero();
            });

            CommonResp recalled = CommonResp.parseFrom(request(aliceDesk, 16, 16,
                    RecallReq.newBuilder().setMsgId(sent.getMsgId()).build().toByteArray()).body());
            assertThat(recalled.getCode()).as(recalled.getMessage()).isZero();
            Message recallAtBob = onlyMessage(bobDesk.awaitCmd(WireFrame.MSG_PUSH, WAIT, null));
            assertThat(recallAtBob.getKind()).isEqualTo(MsgKind.RECALL);
            assertThat(recallAtBob.getRefMsgId()).isEqualTo(sent.getMsgId());
            SyncResp after = SyncResp.parseFrom(request(bobDesk, 14, 17,
                    SyncReq.newBuilder().setSinceSeq(0).setLimit(100).build().toByteArray()).body());
            assertThat(after.getMessages(0).getRecalled()).isTrue();
            assertThat(after.getMessages(0).getText()).isEmpty();
        }
    }

    @Test
    void groupSend_shouldReachOnlineMembersOnBothNodes_andRaiseOfflinePushForTheOthers() throws Exception {
        long owner = newUser("owner");
        long online = newUser("online");
        long away = newUser("away");
        long group = retrying(() -> groups.get().create(new Caller(tenant, owner), "gw-it", List.of(online, away)));
        try (TestClient awayPhone = new WsTestClient(a.ws())) {
            login(awayPhone, away, Platform.MOBILE, "away-phone"); // remembered as away's device, then gone
        }
        try (TestClient ownerDesk = new TcpTestClient(a.tcp()); TestClient onlineDesk = new TcpTestClient(b.tcp())) {
            login(ownerDesk, owner, Platform.DESKTOP);
            login(onlineDesk, online, Platform.DESKTOP);
            awaitOffline(away);

            SendResp sent = send(ownerDesk, 20, ConvType.GROUP, group, "team update");
            assertThat(sent.getCode()).as(sent.getMessage()).isZero();
            Message pushed = awaitPushOf(onlineDesk, sent.getMsgId());
            assertThat(pushed.getConvType()).isEqualTo(ConvType.GROUP);
            assertThat(pushed.getConvId()).isEqualTo(group);
            onlineDesk.send(new WireFrame(WireFrame.MSG_ACK, 0, MsgAck.newBuilder().setMaxSeq(pushed.getSeq()).build()
                    .toByteArray()));

            OfflinePushEvent e = awaitOfflineEvent(away, sent.getMsgId());
            assertThat(e.convId()).isEqualTo(group);
            assertThat(e.fromUserId()).isEqualTo(owner);
            assertThat(e.preview()).isEqualTo("team update");
            assertThat(e.devices()).containsExactly(new PushDevice("away-phone", Platform.MOBILE_VALUE));
            assertThat(offlineEvents).as("an online member who acknowledged is not notified")
                    .noneMatch(x -> x.userId() == online || x.userId() == owner);
        }
    }

    @Test
    void pushNeverAcknowledged_shouldBecomeAnOfflinePushEvent() throws Exception {
        long sender = newUser("sender");
        long silent = newUser("silent");
        try (TestClient senderDesk = new TcpTestClient(b.tcp()); TestClient silentDesk = new TcpTestClient(a.tcp())) {
            login(senderDesk, sender, Platform.DESKTOP);
            login(silentDesk, silent, Platform.DESKTOP, "silent-desk");

            SendResp sent = send(senderDesk, 30, ConvType.SINGLE, silent, "are you there");
            assertThat(sent.getCode()).as(sent.getMessage()).isZero();
            assertThat(onlyMessage(silentDesk.awaitCmd(WireFrame.MSG_PUSH, WAIT, null)).getMsgId())
                    .isEqualTo(sent.getMsgId());
            // no MSG_ACK: the node retries, then reports it undelivered
            OfflinePushEvent e = awaitOfflineEvent(silent, sent.getMsgId());
            assertThat(e.convId()).as("seen from the recipient: the sender").isEqualTo(sender);
            assertThat(e.devices()).containsExactly(new PushDevice("silent-desk", Platform.DESKTOP_VALUE));
        }
    }

    @Test
    void badSends_shouldBeAnsweredWithTheirCode_andTheConnectionStays() throws Exception {
        long user = newUser("bad");
        long stranger = newUser("stranger");
        long otherOwner = newUser("owner2");
        long foreignGroup = retrying(() -> groups.get().create(new Caller(tenant, otherOwner), "not-mine",
                List.of(stranger)));
        try (TestClient c = new TcpTestClient(a.tcp())) {
            login(c, user, Platform.DESKTOP);
            assertThat(send(c, 40, ConvType.GROUP, foreignGroup, "let me in").getCode()).isEqualTo(1003);
            SendResp toSelf = send(c, 41, ConvType.SINGLE, user, "me");
            assertThat(toSelf.getCode()).isEqualTo(1000);
            SendResp tooLong = send(c, 42, ConvType.SINGLE, stranger, "x".repeat(8193));
            assertThat(tooLong.getCode()).isEqualTo(1009);
            SyncResp badLimit = SyncResp.parseFrom(request(c, 14, 43,
                    SyncReq.newBuilder().setSinceSeq(0).setLimit(501).build().toByteArray()).body());
            assertThat(badLimit.getCode()).isEqualTo(1000);
            assertThat(send(c, 44, ConvType.SINGLE, stranger, "still here").getCode()).isZero();
            assertThat(c.errors()).isEmpty();
        }
    }

    private static SendResp send(TestClient c, int seq, ConvType type, long to, String text) throws Exception {
        SendReq req = SendReq.newBuilder().setClientMsgId(UUID.randomUUID().toString()).setConvType(type).setToId(to)
                .setContentType(ContentType.TEXT).setText(text).build();
        return SendResp.parseFrom(request(c, WireFrame.SEND_REQ, seq, req.toByteArray()).body());
    }

    private static ConvListResp convList(TestClient c, int seq) throws Exception {
        ConvListResp r = ConvListResp.parseFrom(request(c, 24, seq, ConvListReq.newBuilder().setLimit(20).build()
                .toByteArray()).body());
        assertThat(r.getCode()).as(r.getMessage()).isZero();
        return r;
    }

    /** Sends a request and waits for the frame answering it (same seq, the next command number). */
    private static WireFrame request(TestClient c, int cmd, int seq, byte[] body) throws Exception {
        c.send(new WireFrame(cmd, seq, body));
        List<WireFrame> skipped = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            WireFrame f = c.awaitCmd(cmd + 1, WAIT, skipped);
            if (f.seq() == seq) {
                return f;
            }
        }
        throw new AssertionError("no answer to cmd " + cmd + " seq " + seq);
    }

    /**
     * The push of {@code msgId}, skipping other pushes: a group's GROUP_EVENT entries (created,
     * members added) reach online members too, asynchronously.
     */
    private static Message awaitPushOf(TestClient c, long msgId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Message m = onlyMessage(c.awaitCmd(WireFrame.MSG_PUSH, WAIT, null));
            if (m.getMsgId() == msgId) {
                return m;
            }
            assertThat(m.getKind()).as("only group events may come first").isEqualTo(MsgKind.GROUP_EVENT);
        }
        throw new AssertionError("no push of message " + msgId + " within " + WAIT);
    }

    private static Message onlyMessage(WireFrame push) throws InvalidProtocolBufferException {
        MsgPush p = MsgPush.parseFrom(push.body());
        assertThat(p.getMessagesCount()).isEqualTo(1);
        return p.getMessages(0);
    }

    private static void login(TestClient c, long user, Platform platform) throws Exception {
        login(c, user, platform, "dev-" + user + "-" + platform.getNumber());
    }

    private static void login(TestClient c, long user, Platform platform, String device) throws Exception {
        long now = System.currentTimeMillis();
        String token = tokens.encode(new AccessToken(tokens.newTokenId(), tenant, user, now - 1000, now + 3_600_000));
        assertThat(c.login(token, platform, device).getCode()).isZero();
    }

    private static long newUser(String name) throws Exception {
        return retrying(() -> users.get().create(admin, name + "-" + UUID.randomUUID().toString().substring(0, 6),
                "pass-word-1", name, List.of()));
    }

    private static OfflinePushEvent awaitOfflineEvent(long user, long msgId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (OfflinePushEvent e : offlineEvents) {
                if (e.userId() == user && e.msgId() == msgId) {
                    return e;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no offline-push event for user " + user + " and message " + msgId + " within "
                + WAIT + "; seen: " + offlineEvents);
    }

    /** Waits until the node has processed the close of the user's last connection: its routes are gone. */
    private static void awaitOffline(long user) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (redis.getKeys().countExists(RouteTable.key(user, 1), RouteTable.key(user, 2), RouteTable.key(user, 3))
                > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("user " + user + " still has a route after " + WAIT);
            }
            Thread.sleep(50);
        }
    }
}
