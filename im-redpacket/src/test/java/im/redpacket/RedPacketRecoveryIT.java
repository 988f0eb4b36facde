package im.redpacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.Caller;
import im.api.redpacket.RedPacketChat;
import im.api.redpacket.RedPacketCreated;
import im.api.redpacket.RedPacketKind;
import im.api.redpacket.SendRedPacket;
import im.redpacket.grab.CreditMessage;
import im.redpacket.grab.CreditSweeper;
import im.redpacket.grab.GrabClaimer;
import im.redpacket.grab.RedisShares;
import im.redpacket.packet.PacketStore;
import im.redpacket.packet.ShareSplitter;
import im.redpacket.send.ChatPoster;
import im.redpacket.send.SendHandler;
import im.redpacket.support.RedPacketNode;
import im.redpacket.support.TestConversations;
import im.redpacket.tx.Transactions;
import im.redpacket.wallet.LedgerKind;
import im.redpacket.wallet.WalletStore;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a node killed at the wrong instant leaves behind, and how the survivors finish it from the
 * database alone (issue 15, {@code RedPacketCrashIT} finds these end to end): a claim committed whose
 * credit message RocketMQ never delivers, a packet expired whose refund was never credited, a Seata
 * global transaction that outlived its timeout and was rolled back under a commit that did not throw, a
 * packet whose chat message neither the send nor the transactional message posted.
 * One in-process node on the real MariaDB, Redis, RocketMQ and Seata server; the crash is staged by
 * doing the first half of the work directly on the databases, as the dead node did.
 */
@ExtendWith(StackExtension.class)
class RedPacketRecoveryIT {
    private static final long TENANT = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    private static final long GROUP = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    private static final long ADMIN = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    private static final List<Long> MEMBERS = new ArrayList<>();
    private static final FakeLogic LOGIC = new FakeLogic();
    private static RedPacketNode node;
    private static PacketStore packets;

    /**
     * im-logic's answer to a red packet's post as its send path gives it: one message per
     * {@code client_msg_id}, a repeat answers the same id; down (0) or refusing on demand.
     */
    static final class FakeLogic implements ChatPoster {
        final Map<String, Long> messages = new ConcurrentHashMap<>();
        final Map<Long, AtomicInteger> calls = new ConcurrentHashMap<>();
        final Set<Long> refusing = ConcurrentHashMap.newKeySet();
        final AtomicLong nextMsgId = new AtomicLong(1000);
        volatile boolean down;

        @Override
        public long post(RedPacketCreated packet) {
            calls.computeIfAbsent(packet.redPacketId(), k -> new AtomicInteger()).incrementAndGet();
            if (down) {
                return 0;
            }
            if (refusing.contains(packet.redPacketId())) {
                return REFUSED;
            }
            return messages.computeIfAbsent(RedPacketChat.clientMsgId(packet.redPacketId()),
                    k -> nextMsgId.incrementAndGet());
        }

        int calls(long packetId) {
            AtomicInteger n = calls.get(packetId);
            return n == null ? 0 : n.get();
        }
    }

    @BeforeAll
    static void start(Stack stack) throws Exception {
        long first = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        for (int i = 0; i < 20; i++) {
            MEMBERS.add(first + i);
        }
        node = new RedPacketNode(stack, RedPacketNode.settings(), new TestConversations(TENANT).group(GROUP, MEMBERS)
                .admin(ADMIN), LOGIC, SendHandler::newPacketId);
        packets = new PacketStore(node.redpacketPool);
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

    private static void topUp(int i, long amount) throws ImException {
        node.core.wallet().topUp(new Caller(TENANT, ADMIN), MEMBERS.get(i), amount,
                "recovery-" + ThreadLocalRandom.current().nextLong());
    }

    private static long send(int sender, long total, int count) throws ImException {
        return RedPacketIT.retrying(() -> node.core.redPackets().send(user(sender),
                new SendRedPacket(2, GROUP, total, count, RedPacketKind.RANDOM, "recovery"))).redPacketId();
    }

    @Test
    void creditSweep_shouldPayACommittedClaim_whoseCreditMessageWasLost() throws Exception {
        topUp(0, 1000);
        long id = send(0, 500, 5);
        long grabber = MEMBERS.get(1);
        long amount = ShareSplitter.split(id, RedPacketKind.RANDOM, 500, 5)[0];
        // the dead node's claim committed; its half message was never committed (the broker drops it after
        // its last check-back), so no credit message will ever come
        PacketStore.Claim claim = Transactions.underGlobalLock(node.redpacketTx,
                c -> packets.claim(c, id, grabber, 0, amount, node.clock.getAsLong()));
        assertThat(claim).isEqualTo(PacketStore.Claim.CLAIMED);
        String key = CreditMessage.bizKey(id, grabber);

        node.core.creditSweeper().sweep(); // younger than SWEEP_AFTER_MS: left to RocketMQ
        assertThat(node.balance(grabber)).isZero();

        node.skew.set(CreditSweeper.SWEEP_AFTER_MS + 1000);
        try {
            node.core.creditSweeper().sweep();
            node.core.creditSweeper().sweep();
        } finally {
            node.skew.set(0);
        }
        assertThat(node.balance(grabber)).isEqualTo(amount);
        assertThat(node.count(node.walletPool, "SELECT COUNT(*) FROM wallet_ledger WHERE user_id = ? AND kind = 3",
                grabber)).isEqualTo(1);
        assertThat(node.count(node.redpacketPool, "SELECT credited FROM red_packet_grab WHERE packet_id = ? AND"
                + " user_id = " + grabber, id)).isEqualTo(1);
        assertThat(new WalletStore(node.walletPool, node.clock).hasEntry(key)).isTrue();
        assertThat(node.core.reconciler().run(TENANT).differences()).isEmpty();
    }

    @Test
    void creditSweep_shouldOnlyMark_aGrabRocketMqCredited() throws Exception {
        topUp(2, 1000);
        long id = send(2, 300, 3);
        long amount = RedPacketIT.retrying(() -> node.core.redPackets().grab(user(3), id));
        awaitBalance(MEMBERS.get(3), amount);

        node.skew.set(CreditSweeper.SWEEP_AFTER_MS + 1000);
        try {
            node.core.creditSweeper().sweep();
        } finally {
            node.skew.set(0);
        }
        assertThat(node.balance(MEMBERS.get(3))).isEqualTo(amount);
        assertThat(node.count(node.redpacketPool, "SELECT credited FROM red_packet_grab WHERE packet_id = ? AND"
                + " user_id = " + MEMBERS.get(3), id)).isEqualTo(1);
    }

    @Test
    void chatSweep_shouldPostOnce_aCommittedPacketWhoseMessageNobodyPosted() throws Exception {
        topUp(8, 1000);
        long id;
        LOGIC.down = true; // the send's own post fails; its half message is consumed by no im-logic here
        try {
            id = send(8, 400, 4);
        } finally {
            LOGIC.down = false;
        }
        assertThat(LOGIC.messages).doesNotContainKey(RedPacketChat.clientMsgId(id));
        assertThat(chatMsgId(id)).isZero();

        node.core.chatSweeper().sweep(); // younger than redpacket.chat.sweep.after.ms: left to RocketMQ
        assertThat(LOGIC.messages).doesNotContainKey(RedPacketChat.clientMsgId(id));

        sweepLater(); // the half message was dropped (check-backs failed): the sweep posts it
        long msgId = LOGIC.messages.get(RedPacketChat.clientMsgId(id));
        assertThat(chatMsgId(id)).isEqualTo(msgId);
        int calls = LOGIC.calls(id);

        sweepLater();
        sweepLater();
        assertThat(LOGIC.calls(id)).as("posts after the record").isEqualTo(calls);
        assertThat(LOGIC.messages.keySet().stream().filter(k -> k.equals(RedPacketChat.clientMsgId(id))))
                .hasSize(1);
        assertThat(node.balance(MEMBERS.get(8))).isEqualTo(600);
    }

    @Test
    void send_shouldRecordItsOwnPost_soTheChatSweepLeavesThePacketAlone() throws Exception {
        topUp(9, 1000);
        long id = send(9, 200, 2);
        long msgId = LOGIC.messages.get(RedPacketChat.clientMsgId(id));
        assertThat(chatMsgId(id)).isEqualTo(msgId);

        sweepLater();
        assertThat(LOGIC.calls(id)).isEqualTo(1);
    }

    @Test
    void chatSweep_shouldRecordARefusal_andNotAskAgain() throws Exception {
        topUp(10, 1000);
        long id;
        LOGIC.down = true;
        try {
            id = send(10, 300, 3);
        } finally {
            LOGIC.down = false;
        }
        LOGIC.refusing.add(id); // the sender left the group meanwhile

        sweepLater();
        assertThat(chatMsgId(id)).isEqualTo(ChatPoster.REFUSED);
        int calls = LOGIC.calls(id);
        sweepLater();
        assertThat(LOGIC.calls(id)).isEqualTo(calls);
        assertThat(LOGIC.messages).doesNotContainKey(RedPacketChat.clientMsgId(id));
    }

    private static void sweepLater() throws Exception {
        node.skew.set(RedPacketNode.settings().chatSweepAfterMillis() + 1000);
        try {
            node.core.chatSweeper().sweep();
        } finally {
            node.skew.set(0);
        }
    }

    private static long chatMsgId(long id) throws Exception {
        return node.count(node.redpacketPool, "SELECT chat_msg_id FROM red_packet WHERE id = ?", id);
    }

    @Test
    void grab_shouldGiveBackAShare_reservedByAGrabberWhoDiedBeforeTheClaim_onceItsClaimCannotCommit()
            throws Exception {
        topUp(11, 1000);
        long id = send(11, 300, 3);
        long dead = MEMBERS.get(12);
        // the dead node's grab: the pop reserved a share for its grabber, and the claim never ran
        RedisShares.Pop reserved = node.core.shares().pop(id, dead, node.clock.getAsLong());
        assertThat(reserved.kind()).isEqualTo(RedisShares.Pop.Kind.TAKEN);
        long first = RedPacketIT.retrying(() -> node.core.redPackets().grab(user(13), id));
        long second = RedPacketIT.retrying(() -> node.core.redPackets().grab(user(14), id));

        // young: the dead grab's claim could still commit, so the share stays reserved
        assertGrabRefused(15, id, ErrorCode.RED_PACKET_EMPTY);

        long third;
        node.skew.set(GrabClaimer.CHECK_SAFE_AGE_MS + 1000);
        try {
            third = RedPacketIT.retrying(() -> node.core.redPackets().grab(user(15), id));
            assertGrabRefused(12, id, ErrorCode.RED_PACKET_EMPTY); // the dead grabber's retry: nothing left
        } finally {
            node.skew.set(0);
        }
        assertThat(third).isEqualTo(reserved.amount());
        assertThat(first + second + third).isEqualTo(300);
        assertThat(packets.find(id).remainingCount()).isZero();
        assertThat(node.count(node.redpacketPool, "SELECT COUNT(*) FROM red_packet_grab WHERE packet_id = ? AND"
                + " user_id = " + dead, id)).isZero();
        awaitBalance(MEMBERS.get(15), third);
        assertThat(node.core.reconciler().run(TENANT).differences()).isEmpty();
    }

    @Test
    void grab_retriedLongAfterItsPop_shouldClaimTheShareItReserved() throws Exception {
        topUp(16, 1000);
        long id = send(16, 200, 2);
        RedisShares.Pop reserved = node.core.shares().pop(id, MEMBERS.get(17), node.clock.getAsLong());

        long amount;
        node.skew.set(GrabClaimer.CHECK_SAFE_AGE_MS + 1000); // past its claim deadline: renewed, then claimed
        try {
            amount = RedPacketIT.retrying(() -> node.core.redPackets().grab(user(17), id));
        } finally {
            node.skew.set(0);
        }
        assertThat(amount).isEqualTo(reserved.amount());
        assertGrabRefused(17, id, ErrorCode.RED_PACKET_ALREADY_GRABBED);
        awaitBalance(MEMBERS.get(17), amount);
    }

    @Test
    void expiry_shouldRefundExactlyTheShareADeadGrabberReserved() throws Exception {
        topUp(18, 1000);
        long id = send(18, 500, 2);
        RedisShares.Pop reserved = node.core.shares().pop(id, MEMBERS.get(19), node.clock.getAsLong());
        long grabbed = RedPacketIT.retrying(() -> node.core.redPackets().grab(user(0), id));
        assertThat(grabbed + reserved.amount()).isEqualTo(500);

        node.skew.set(Duration.ofHours(2).toMillis()); // past the 1 h expiry of these tests
        try {
            assertThat(node.core.refunds().refund(id)).isEqualTo(reserved.amount());
            assertGrabRefused(19, id, ErrorCode.RED_PACKET_EXPIRED);
        } finally {
            node.skew.set(0);
        }
        assertThat(node.count(node.walletPool,
                "SELECT amount FROM wallet_ledger WHERE biz_key = CONCAT('refund:', ?)", id))
                .isEqualTo(reserved.amount());
        assertThat(node.balance(MEMBERS.get(18))).isEqualTo(1000 - 500 + reserved.amount());
        assertThat(node.core.reconciler().run(TENANT).differences()).isEmpty();
    }

    private static void assertGrabRefused(int user, long id, ErrorCode code) {
        assertThatThrownBy(() -> node.core.redPackets().grab(user(user), id)).isInstanceOfSatisfying(
                ImException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void refund_interruptedAfterTheExpiry_shouldBeFinishedByTheNextScan_once() throws Exception {
        topUp(4, 1000);
        long id = send(4, 600, 3);
        long grabbed = RedPacketIT.retrying(() -> node.core.redPackets().grab(user(5), id));
        long senderAfterSend = node.balance(MEMBERS.get(4));

        node.skew.set(Duration.ofHours(2).toMillis()); // past the 1 h expiry of these tests
        try {
            // the dead node expired the packet and died before the refund reached the wallet
            long left = Transactions.underGlobalLock(node.redpacketTx, c -> packets.expire(c, id));
            assertThat(left).isEqualTo(600 - grabbed);
            assertThat(node.balance(MEMBERS.get(4))).isEqualTo(senderAfterSend);

            node.core.refunds().run();
            node.core.refunds().run();
            assertThat(node.core.refunds().refund(id)).isEqualTo(-1);
        } finally {
            node.skew.set(0);
        }
        assertThat(node.balance(MEMBERS.get(4))).isEqualTo(senderAfterSend + 600 - grabbed);
        assertThat(node.count(node.walletPool, "SELECT COUNT(*) FROM wallet_ledger WHERE biz_key = CONCAT('refund:', ?)",
                id)).isEqualTo(1);
        assertThat(node.count(node.redpacketPool, "SELECT refund_credited FROM red_packet WHERE id = ?", id))
                .isEqualTo(1);
        assertThat(node.core.reconciler().run(TENANT).differences()).isEmpty();
    }

    @Test
    void globalTransaction_shouldNotReportACommit_whenSeataRolledItBackForItsTimeout() throws Exception {
        topUp(6, 1000);
        long user = MEMBERS.get(6);
        WalletStore wallets = new WalletStore(node.walletPool, node.clock);
        Transactions shortLived = new Transactions(1000);
        Transactions.Outcome[] outcome = new Transactions.Outcome[1];

        assertThatThrownBy(() -> shortLived.global("it-timeout", () -> {
            Transactions.local(node.walletTx, c -> {
                wallets.debit(c, user, TENANT, 400, "it-timeout:" + user, LedgerKind.SEND, 0);
                return null;
            });
            pause(4000); // the server times the transaction out (it checks every second) and rolls it back
            return null;
        }, outcome)).isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUSY));

        assertThat(outcome[0]).isNotEqualTo(Transactions.Outcome.COMMITTED);
        awaitBalance(user, 1000);
        assertThat(node.ledgerSum(user)).isEqualTo(1000);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitBalance(long user, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (node.balance(user) != expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(node.balance(user)).isEqualTo(expected);
    }
}
