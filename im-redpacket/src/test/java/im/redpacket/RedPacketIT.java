package im.redpacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.Caller;
import im.api.redpacket.RedPacketChat;
import im.api.redpacket.RedPacketCreated;
import im.api.redpacket.RedPacketDetail;
import im.api.redpacket.RedPacketKind;
import im.api.redpacket.RedPacketSent;
import im.api.redpacket.SendRedPacket;
import im.redpacket.grab.CreditMessage;
import im.redpacket.send.SendHandler;
import im.redpacket.support.RedPacketNode;
import im.redpacket.support.TestConversations;
import im.redpacket.tx.Transactions;
import im.testkit.Stack;
import im.testkit.StackExtension;
import io.seata.tm.api.GlobalTransaction;
import io.seata.tm.api.GlobalTransactionContext;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wallets and red packets on the real MariaDB, Redis, RocketMQ and Seata server, one in-process node
 * with a stand-in organisation: concurrent grabs, Seata rollback, check-backs both ways, Redis loss,
 * expiry refund, the bad-input matrix.
 */
@ExtendWith(StackExtension.class)
class RedPacketIT {
    private static final long TENANT = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    private static final long GROUP = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    private static final long SMALL_GROUP = GROUP + 1;
    private static final int USERS = 300;
    /** The concurrency test's 200 users are 100..299; the other tests use 0..99 and see no stray credits. */
    private static final int CROWD = 100;
    private static final List<Long> MEMBERS = new ArrayList<>();
    private static final long ADMIN = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    private static final long STRANGER = ADMIN + 1;
    private static final AtomicLong FORCED_ID = new AtomicLong();
    private static RedPacketNode node;
    private static final List<RedPacketCreated> POSTED = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start(Stack stack) throws Exception {
        long first = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        for (int i = 0; i < USERS; i++) {
            MEMBERS.add(first + i);
        }
        TestConversations org = new TestConversations(TENANT).group(GROUP, MEMBERS)
                .group(SMALL_GROUP, MEMBERS.subList(58, 61)).admin(ADMIN).user(STRANGER);
        node = new RedPacketNode(stack, RedPacketNode.settings(), org, p -> {
            POSTED.add(p);
            return 0;
        }, () -> {
            long forced = FORCED_ID.getAndSet(0);
            return forced != 0 ? forced : SendHandler.newPacketId();
        });
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static Caller user(int i) {
        return new Caller(TENANT, MEMBERS.get(i));
    }

    private static long topUp(int i, long amount) throws ImException {
        return node.core.wallet().topUp(new Caller(TENANT, ADMIN), MEMBERS.get(i), amount,
                "it-" + ThreadLocalRandom.current().nextLong());
    }

    private static SendRedPacket group(long total, int count) {
        return new SendRedPacket(2, GROUP, total, count, RedPacketKind.RANDOM, "恭喜发财");
    }

    @Test
    void concurrentGrabs_shouldConserveMoney_andPayEveryoneOnce() throws Exception {
        // 50 packets from 5 senders, 20 shares each; 1,000 grabs from 200 users, some repeated
        List<Long> packets = new ArrayList<>();
        Map<Long, Long> totals = new HashMap<>();
        for (int s = 0; s < 5; s++) {
            topUp(CROWD + s, 1_000_000);
        }
        for (int i = 0; i < 50; i++) {
            long total = 2_000 + ThreadLocalRandom.current().nextInt(5_000);
            Caller sender = user(CROWD + i % 5);
            RedPacketSent sent = retrying(() -> node.core.redPackets().send(sender, group(total, 20)));
            packets.add(sent.redPacketId());
            totals.put(sent.redPacketId(), total);
        }

        Map<String, Long> won = new ConcurrentHashMap<>();
        List<String> doubles = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int u = CROWD + ThreadLocalRandom.current().nextInt(200);
            long packet = packets.get(i % 50);
            futures.add(pool.submit(() -> {
                try {
                    long amount = retrying(() -> node.core.redPackets().grab(user(u), packet));
                    if (won.putIfAbsent(u + ":" + packet, amount) != null) {
                        doubles.add(u + ":" + packet);
                    }
                } catch (ImException e) {
                    assertThat(e.code()).isIn(ErrorCode.RED_PACKET_ALREADY_GRABBED, ErrorCode.RED_PACKET_EMPTY);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        assertThat(doubles).isEmpty();
        Map<Long, Long> gain = new HashMap<>();
        int grabs = 0;
        for (long packet : packets) {
            RedPacketDetail d = node.core.redPackets().show(user(CROWD), packet);
            long grabbed = d.grabs().stream().mapToLong(g -> g.amount()).sum();
            assertThat(grabbed + d.remainingAmount()).isEqualTo(totals.get(packet));
            assertThat(d.grabs()).hasSize(20 - d.remainingCount());
            assertThat(new HashSet<>(d.grabs().stream().map(g -> g.userId()).toList())).hasSize(d.grabs().size());
            for (var g : d.grabs()) {
                assertThat(won.get(MEMBERS.indexOf(g.userId()) + ":" + packet)).isEqualTo(g.amount());
                gain.merge(g.userId(), g.amount(), Long::sum);
            }
            grabs += d.grabs().size();
        }
        assertThat(won).hasSize(grabs);
        // credits arrive through RocketMQ: wait until every grab has its ledger row, once
        awaitCredits(packets);
        for (var e : gain.entrySet()) {
            assertThat(node.count(node.walletPool, "SELECT COALESCE(SUM(amount), 0) FROM wallet_ledger WHERE kind = 3"
                    + " AND user_id = ? AND ref_id IN (" + String.join(",", packets.stream().map(String::valueOf)
                    .toList()) + ")", e.getKey())).isEqualTo(e.getValue());
        }
        for (int u = CROWD; u < USERS; u++) {
            assertThat(node.balance(MEMBERS.get(u))).isEqualTo(node.ledgerSum(MEMBERS.get(u)))
                    .isGreaterThanOrEqualTo(0);
        }
        assertThat(node.core.reconciler().run(TENANT).differences()).isEmpty();
    }

    private static void awaitCredits(List<Long> packets) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (long packet : packets) {
            long grabs = node.count(node.redpacketPool, "SELECT COUNT(*) FROM red_packet_grab WHERE packet_id = ?",
                    packet);
            while (true) {
                long credits = node.count(node.walletPool, "SELECT COUNT(*) FROM wallet_ledger WHERE kind = 3"
                        + " AND ref_id = ?", packet);
                assertThat(credits).isLessThanOrEqualTo(grabs);
                if (credits == grabs) {
                    break;
                }
                assertThat(System.nanoTime()).as("credits of packet %d still missing after 120 s", packet)
                        .isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }

    interface Call<T> {
        T call() throws ImException;
    }

    /** Retries BUSY (a shared broker under flow control) as a client would. */
    static <T> T retrying(Call<T> call) throws ImException {
        for (int i = 0; ; i++) {
            try {
                return call.call();
            } catch (ImException e) {
                if (e.code() != ErrorCode.BUSY || i == 10) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Test
    void secondGrab_shouldBeRefused_withItsCode_andPayNothing() throws Exception {
        topUp(10, 1000);
        long id = retrying(() -> node.core.redPackets().send(user(10), group(300, 3))).redPacketId();
        long amount = retrying(() -> node.core.redPackets().grab(user(11), id));

        assertThatThrownBy(() -> node.core.redPackets().grab(user(11), id)).isInstanceOfSatisfying(ImException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RED_PACKET_ALREADY_GRABBED));
        RedPacketDetail d = node.core.redPackets().show(user(10), id);
        assertThat(d.grabs()).singleElement().satisfies(g -> assertThat(g.amount()).isEqualTo(amount));
        assertThat(d.remainingAmount()).isEqualTo(300 - amount);
    }

    @Test
    void redisLoss_shouldBeAnsweredFromTheDatabase_withoutDoublePayment() throws Exception {
        topUp(20, 10_000);
        long id = retrying(() -> node.core.redPackets().send(user(20), group(1000, 10))).redPacketId();
        Map<Integer, Long> paid = new HashMap<>();
        for (int u = 21; u < 24; u++) {
            Caller grabber = user(u);
            paid.put(u, retrying(() -> node.core.redPackets().grab(grabber, id)));
        }

        node.core.shares().drop(id); // as a FLUSHALL or a failover would

        for (int u = 21; u < 24; u++) {
            int grabber = u;
            assertThatThrownBy(() -> node.core.redPackets().grab(user(grabber), id))
                    .isInstanceOfSatisfying(ImException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RED_PACKET_ALREADY_GRABBED));
        }
        for (int u = 24; u < 31; u++) {
            Caller grabber = user(u);
            paid.put(u, retrying(() -> node.core.redPackets().grab(grabber, id)));
        }
        assertThatThrownBy(() -> node.core.redPackets().grab(user(31), id)).isInstanceOfSatisfying(ImException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RED_PACKET_EMPTY));
        RedPacketDetail d = node.core.redPackets().show(user(20), id);
        assertThat(paid.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
        assertThat(d.remainingAmount()).isZero();
        assertThat(d.status()).isEqualTo(RedPacketDetail.EMPTY);
        assertThat(d.grabs()).hasSize(10);
    }

    @Test
    void failedPacketInsert_afterTheDebit_shouldRollBackTheDebit() throws Exception {
        topUp(40, 5000);
        long taken = retrying(() -> node.core.redPackets().send(user(40), group(1000, 2))).redPacketId();
        long balance = node.balance(MEMBERS.get(40));
        assertThat(balance).isEqualTo(4000);

        FORCED_ID.set(taken); // the next packet's insert hits the existing row after its debit committed locally
        assertThatThrownBy(() -> node.core.redPackets().send(user(40), group(700, 2)))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUSY));

        assertThat(node.balance(MEMBERS.get(40))).isEqualTo(4000);
        assertThat(node.ledgerSum(MEMBERS.get(40))).isEqualTo(4000);
        RedPacketDetail original = node.core.redPackets().show(user(40), taken);
        assertThat(original.totalAmount()).isEqualTo(1000);
    }

    @Test
    void sendCheckBack_shouldCommit_whenThePacketCommitted_andRollBack_whenItNeverDid() throws Exception {
        topUp(41, 1000);
        RedPacketSent sent = node.core.redPackets().send(user(41), group(500, 5));
        RedPacketCreated created = POSTED.stream().filter(p -> p.redPacketId() == sent.redPacketId()).findFirst()
                .orElseThrow();
        RedPacketCreated never = new RedPacketCreated(SendHandler.newPacketId(), TENANT, MEMBERS.get(41), 2, GROUP,
                RedPacketKind.RANDOM, 5, "", 0);

        assertThat(node.core.sendTransactions().checkLocalTransaction(half(RedPacketChat.encode(created), 0)))
                .isEqualTo(LocalTransactionState.COMMIT_MESSAGE);
        assertThat(node.core.sendTransactions().checkLocalTransaction(half(RedPacketChat.encode(never), 60_000)))
                .isEqualTo(LocalTransactionState.ROLLBACK_MESSAGE);
        // younger than the global transaction's timeout: it might still commit
        assertThat(node.core.sendTransactions().checkLocalTransaction(half(RedPacketChat.encode(never), 0)))
                .isEqualTo(LocalTransactionState.UNKNOW);
    }

    @Test
    void sendCheckBack_shouldWait_whileTheGlobalTransactionIsInFlight_thenRollBack() throws Exception {
        long id = SendHandler.newPacketId();
        RedPacketCreated created = new RedPacketCreated(id, TENANT, MEMBERS.get(42), 2, GROUP, RedPacketKind.FIXED, 1,
                "", 0);
        GlobalTransaction tx = GlobalTransactionContext.getCurrentOrCreate();
        tx.begin(30_000, "it-in-flight");
        try {
            Transactions.local(node.redpacketTx, c -> {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO red_packet (id, tenant_id, sender_id,"
                        + " conv_type, conv_id, kind, total_amount, total_count, remaining_amount, remaining_count,"
                        + " create_time, expire_time) VALUES (?, ?, 1, 2, 1, 2, 1, 1, 1, 1, 0, 0)")) {
                    p.setLong(1, id);
                    p.setLong(2, TENANT);
                    p.executeUpdate();
                }
                return null;
            });
            // locally committed, globally undecided: the check-back must not take the row for a commit
            LocalTransactionState during = Executors.newSingleThreadExecutor().submit(() ->
                    node.core.sendTransactions().checkLocalTransaction(half(RedPacketChat.encode(created), 60_000)))
                    .get();
            assertThat(during).isEqualTo(LocalTransactionState.UNKNOW);
        } finally {
            tx.rollback();
        }
        assertThat(node.core.sendTransactions().checkLocalTransaction(half(RedPacketChat.encode(created), 60_000)))
                .isEqualTo(LocalTransactionState.ROLLBACK_MESSAGE);
    }

    @Test
    void grabCheckBack_shouldCommit_aRecordedGrab_andRollBack_anOldMissingOne() throws Exception {
        topUp(43, 1000);
        long id = retrying(() -> node.core.redPackets().send(user(43), group(100, 1))).redPacketId();
        long amount = retrying(() -> node.core.redPackets().grab(user(44), id));

        assertThat(node.core.grabTransactions().checkLocalTransaction(
                half(new CreditMessage(id, MEMBERS.get(44), TENANT, amount).encode(), 0)))
                .isEqualTo(LocalTransactionState.COMMIT_MESSAGE);
        assertThat(node.core.grabTransactions().checkLocalTransaction(
                half(new CreditMessage(id, MEMBERS.get(45), TENANT, amount).encode(), 120_000)))
                .isEqualTo(LocalTransactionState.ROLLBACK_MESSAGE);
        assertThat(node.core.grabTransactions().checkLocalTransaction(
                half(new CreditMessage(id, MEMBERS.get(45), TENANT, amount).encode(), 0)))
                .isEqualTo(LocalTransactionState.UNKNOW);
    }

    @Test
    void expiry_shouldRefundTheRestOnce_andRefuseLaterGrabs() throws Exception {
        topUp(50, 1000);
        long id = retrying(() -> node.core.redPackets().send(user(50), group(600, 3))).redPacketId();
        long grabbed = retrying(() -> node.core.redPackets().grab(user(51), id));
        long senderAfterSend = node.balance(MEMBERS.get(50));

        node.skew.set(Duration.ofHours(2).toMillis()); // past the 1 h expiry of these tests
        try {
            assertThat(node.core.refunds().refund(id)).isEqualTo(600 - grabbed);
            assertThat(node.core.refunds().refund(id)).isEqualTo(-1);
            assertThatThrownBy(() -> node.core.redPackets().grab(user(52), id))
                    .isInstanceOfSatisfying(ImException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RED_PACKET_EXPIRED));
            RedPacketDetail d = node.core.redPackets().show(user(50), id);
            assertThat(d.status()).isEqualTo(RedPacketDetail.EXPIRED);
            assertThat(d.refundedAmount()).isEqualTo(600 - grabbed);
            assertThat(d.remainingAmount()).isZero();
        } finally {
            node.skew.set(0);
        }
        assertThat(node.balance(MEMBERS.get(50))).isEqualTo(senderAfterSend + 600 - grabbed);
        assertThat(node.count(node.walletPool, "SELECT COUNT(*) FROM wallet_ledger WHERE biz_key = CONCAT('refund:', ?)",
                id)).isEqualTo(1);
    }

    static Stream<Arguments> badSends() {
        return Stream.of(
                Arguments.of("zero amount", group(0, 1), ErrorCode.BAD_REQUEST),
                Arguments.of("negative amount", group(-100, 1), ErrorCode.BAD_REQUEST),
                Arguments.of("overflowing amount", group(Long.MAX_VALUE, 1), ErrorCode.BAD_REQUEST),
                Arguments.of("over the tenant limit", group(2_000_001, 1), ErrorCode.BAD_REQUEST),
                Arguments.of("count 0", group(100, 0), ErrorCode.BAD_REQUEST),
                Arguments.of("count over 200", group(10_000, 201), ErrorCode.BAD_REQUEST),
                Arguments.of("count over the members",
                        new SendRedPacket(2, SMALL_GROUP, 400, 4, RedPacketKind.RANDOM, ""), ErrorCode.BAD_REQUEST),
                Arguments.of("under 1 cent a share", group(5, 6), ErrorCode.BAD_REQUEST),
                Arguments.of("FIXED not divisible", new SendRedPacket(2, GROUP, 100, 3, RedPacketKind.FIXED, ""),
                        ErrorCode.BAD_REQUEST),
                Arguments.of("single chat count 2", new SendRedPacket(1, 7L, 100, 2, RedPacketKind.RANDOM, ""),
                        ErrorCode.BAD_REQUEST),
                Arguments.of("bad conv type", new SendRedPacket(3, GROUP, 100, 1, RedPacketKind.RANDOM, ""),
                        ErrorCode.BAD_REQUEST),
                Arguments.of("no kind", new SendRedPacket(2, GROUP, 100, 1, null, ""), ErrorCode.BAD_REQUEST),
                Arguments.of("greeting too long", new SendRedPacket(2, GROUP, 100, 1, RedPacketKind.RANDOM,
                        "x".repeat(129)), ErrorCode.BAD_REQUEST),
                Arguments.of("unknown group", new SendRedPacket(2, GROUP + 99, 100, 1, RedPacketKind.RANDOM, ""),
                        ErrorCode.NOT_FOUND),
                Arguments.of("more than the balance", group(1_000_000, 1), ErrorCode.INSUFFICIENT_BALANCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSends")
    void badSend_shouldGetItsCode_andStoreNothing(String name, SendRedPacket request, ErrorCode code) throws Exception {
        Caller sender = user(60);
        if (node.balance(sender.userId()) == 0) {
            topUp(60, 10_000);
        }
        long balance = node.balance(sender.userId());
        long packets = node.count(node.redpacketPool, "SELECT COUNT(*) FROM red_packet WHERE sender_id = ?",
                sender.userId());

        assertThatThrownBy(() -> node.core.redPackets().send(sender, request))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(code));

        assertThat(node.balance(sender.userId())).isEqualTo(balance);
        assertThat(node.ledgerSum(sender.userId())).isEqualTo(balance);
        assertThat(node.count(node.redpacketPool, "SELECT COUNT(*) FROM red_packet WHERE sender_id = ?",
                sender.userId())).isEqualTo(packets);
    }

    @Test
    void strangers_shouldBeRefused_sendingGrabbingAndLooking() throws Exception {
        topUp(70, 1000);
        long id = retrying(() -> node.core.redPackets().send(user(70), group(100, 1))).redPacketId();
        Caller stranger = new Caller(TENANT, STRANGER);
        Caller otherTenant = new Caller(TENANT + 1, MEMBERS.get(71));

        assertThatThrownBy(() -> node.core.redPackets().send(stranger, group(100, 1)))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> node.core.redPackets().grab(stranger, id))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> node.core.redPackets().show(stranger, id))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> node.core.redPackets().grab(otherTenant, id))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> node.core.redPackets().grab(user(71), id + 1))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(node.core.redPackets().show(user(70), id).grabs()).isEmpty();
    }

    @Test
    void topUp_shouldBeForTenantAdminsOnly_andAppliedOncePerTopUpId() throws Exception {
        Caller admin = new Caller(TENANT, ADMIN);
        long target = MEMBERS.get(80);

        assertThat(node.core.wallet().topUp(admin, target, 250, "once-" + TENANT)).isEqualTo(250);
        assertThat(node.core.wallet().topUp(admin, target, 250, "once-" + TENANT)).isEqualTo(250);
        assertThatThrownBy(() -> node.core.wallet().topUp(user(81), target, 100, "x"))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> node.core.wallet().topUp(admin, target, 0, "y"))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> node.core.wallet().topUp(admin, target, -5, "y"))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> node.core.wallet().topUp(admin, ADMIN + 77, 5, "z"))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(node.core.wallet().balance(new Caller(TENANT, target))).isEqualTo(250);
        assertThat(node.core.wallet().balance(new Caller(TENANT, MEMBERS.get(199)))).isZero();
    }

    private static MessageExt half(byte[] body, long ageMillis) {
        MessageExt m = new MessageExt();
        m.setBody(body);
        m.setBornTimestamp(System.currentTimeMillis() - ageMillis);
        return m;
    }

}
