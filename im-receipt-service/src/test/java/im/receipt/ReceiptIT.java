package im.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageReadEvent;
import im.api.message.MessageSentEvent;
import im.api.message.SessionCaller;
import im.api.protocol.ReceiptCount;
import im.api.protocol.ReceiptNotify;
import im.api.receipt.ReceiptDetail;
import im.api.receipt.ReceiptService;
import im.receipt.support.Await;
import im.receipt.support.ReceiptNode;
import im.receipt.support.ReceiptTopics;
import im.receipt.support.TestAdmins;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Receipts through the real broker and the real receipt database: events published as im-logic
 * publishes them (and worse: duplicated, reordered across queues, reads before their message), the
 * query answered by the production graph.
 */
@ExtendWith(StackExtension.class)
class ReceiptIT {
    private static final int GROUP = 2;
    private static final int SINGLE = 1;

    private final long tenant = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    private final long base = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52);
    private final long sender = base;
    private final long admin = base + 1;
    private ReceiptTopics topics;
    private ReceiptNode node;

    @BeforeEach
    void start(Stack stack) throws Exception {
        topics = new ReceiptTopics(stack);
        node = new ReceiptNode(stack, topics, new TestAdmins(tenant, Set.of(admin)), Map.of());
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (topics != null) {
            topics.close();
        }
    }

    @Test
    void randomReads_shouldGiveExactLists_underDuplicatesReordersAndEarlyMarks() throws Exception {
        Random random = new Random(base);
        long group = base + 7;
        List<Long> recipients = LongStream.range(base + 100, base + 400).boxed().toList();
        List<Long> msgIds = LongStream.range(0, 6).map(i -> base * 2 + i).boxed().toList();
        // Readers read up to a random message, in one to three read seq moves, each naming its part.
        List<MessageReadEvent> reads = new ArrayList<>();
        Map<Long, Integer> readUpTo = new HashMap<>();
        for (long reader : recipients) {
            int upTo = random.nextInt(msgIds.size() + 1);
            readUpTo.put(reader, upTo);
            int from = 0;
            while (from < upTo) {
                int to = Math.min(upTo, from + 1 + random.nextInt(3));
                reads.add(read(reader, group, msgIds.subList(from, to)));
                from = to;
            }
        }
        long lateJoiner = base + 999; // joined after the sends: no recipient, so no position
        reads.add(read(lateJoiner, group, msgIds));
        Collections.shuffle(reads, random);
        for (int i = 0; i < reads.size() / 5; i++) {
            reads.add(reads.get(random.nextInt(reads.size())));
        }
        Collections.shuffle(reads, random);

        // Half of the messages are announced before their reads, half after (marks arrive early).
        for (int i = 0; i < msgIds.size(); i += 2) {
            topics.sendSent(sent(msgIds.get(i), group, recipients, true));
        }
        topics.sendReadBody(new byte[] {1, 3, 0}, 0); // undecodable: dropped, the rest goes on
        for (int i = 0; i < reads.size(); i++) {
            // Every other event lands on a random queue: reordered, and competing for the same rows.
            if (i % 2 == 0) {
                topics.sendRead(reads.get(i));
            } else {
                topics.sendRead(reads.get(i), random.nextInt(8));
            }
        }
        for (int i = 1; i < msgIds.size(); i += 2) {
            topics.sendSent(sent(msgIds.get(i), group, recipients, true));
        }

        Map<Long, ReceiptDetail> expected = new HashMap<>();
        for (int m = 0; m < msgIds.size(); m++) {
            List<Long> read = new ArrayList<>();
            List<Long> unread = new ArrayList<>();
            for (long r : recipients) {
                (readUpTo.get(r) > m ? read : unread).add(r);
            }
            expected.put(msgIds.get(m), new ReceiptDetail(msgIds.get(m), read, unread));
        }
        Await.until(() -> expected.values().stream().allMatch(e -> e.equals(querySilently(sender, e.msgId()))));
        for (ReceiptDetail e : expected.values()) {
            assertThat(api().query(caller(sender), e.msgId())).isEqualTo(e);
        }

        // Everything delivered again, onto other queues: nothing changes. A marker on every queue, read
        // once the duplicates before it were consumed, says when to look.
        for (int i = 0; i < reads.size(); i++) {
            topics.sendRead(reads.get(i), i);
        }
        long marker = base * 2 + 50;
        int queues = topics.readQueues().size();
        List<Long> markerReaders = LongStream.range(base + 2000, base + 2000 + queues).boxed().toList();
        topics.sendSent(sent(marker, group, markerReaders, true));
        for (int q = 0; q < queues; q++) {
            topics.sendRead(read(markerReaders.get(q), group, List.of(marker)), q);
        }
        Await.until(() -> querySilently(sender, marker) != null && querySilently(sender, marker).unreadUserIds().isEmpty());
        assertThat(api().query(caller(sender), marker).readUserIds()).isEqualTo(markerReaders);
        for (ReceiptDetail e : expected.values()) {
            assertThat(api().query(caller(sender), e.msgId())).isEqualTo(e);
        }

        // The sender heard of every message, its last count the final one, never one message twice per frame.
        node.core().flushNotifications();
        Map<Long, ReceiptCount> last = new HashMap<>();
        for (Map.Entry<Long, ReceiptNotify> n : node.notifications()) {
            assertThat(n.getKey()).isEqualTo(sender);
            assertThat(n.getValue().getCountsList().stream().map(ReceiptCount::getMsgId).distinct().count())
                    .isEqualTo(n.getValue().getCountsCount());
            n.getValue().getCountsList().forEach(c -> last.put(c.getMsgId(), c));
        }
        for (ReceiptDetail e : expected.values()) {
            if (!e.readUserIds().isEmpty()) {
                assertThat(last.get(e.msgId()).getReadCount()).isEqualTo(e.readUserIds().size());
                assertThat(last.get(e.msgId()).getUnreadCount()).isEqualTo(e.unreadUserIds().size());
            }
        }
    }

    @Test
    void singleChat_shouldCountThePeer_andOnlyThePeer() throws Exception {
        long peer = base + 5;
        long msgId = base * 2 + 1;
        topics.sendSent(new MessageSentEvent(msgId, tenant, SINGLE, peer, sender, 1L, 1, "hi", true, List.of(peer),
                List.of()));
        Await.until(() -> querySilently(sender, msgId) != null);
        assertThat(api().query(caller(sender), msgId)).isEqualTo(new ReceiptDetail(msgId, List.of(), List.of(peer)));

        topics.sendRead(new MessageReadEvent(tenant, peer, SINGLE, sender, 9, 2L, List.of(msgId)));
        Await.until(() -> !querySilently(sender, msgId).readUserIds().isEmpty());

        assertThat(api().query(caller(sender), msgId)).isEqualTo(new ReceiptDetail(msgId, List.of(peer), List.of()));
    }

    @Test
    void query_shouldAnswerOnlyTheSenderAndTenantAdmins() throws Exception {
        long group = base + 8;
        List<Long> recipients = List.of(admin, base + 10, base + 11);
        long msgId = base * 2 + 2;
        long noReceipt = base * 2 + 3;
        topics.sendSent(sent(noReceipt, group, recipients, false));
        topics.sendSent(sent(msgId, group, recipients, true));
        Await.until(() -> querySilently(sender, msgId) != null);

        assertThat(api().query(caller(sender), msgId).unreadUserIds()).isEqualTo(recipients);
        assertThat(api().query(caller(admin), msgId).unreadUserIds()).isEqualTo(recipients);
        assertCode(() -> api().query(caller(base + 10), msgId), ErrorCode.FORBIDDEN);
        assertCode(() -> api().query(caller(base + 12), msgId), ErrorCode.FORBIDDEN);
        assertCode(() -> api().query(new SessionCaller(tenant + 1, sender, "d", 1, 0), msgId), ErrorCode.NOT_FOUND);
        assertCode(() -> api().query(caller(sender), noReceipt), ErrorCode.NOT_FOUND);
        assertCode(() -> api().query(caller(sender), base * 2 + 99), ErrorCode.NOT_FOUND);
    }

    @Test
    void query_shouldRefuseBadInput() {
        assertCode(() -> api().query(caller(sender), 0), ErrorCode.BAD_REQUEST);
        assertCode(() -> api().query(caller(sender), -5), ErrorCode.BAD_REQUEST);
        assertCode(() -> api().query(null, 5), ErrorCode.BAD_REQUEST);
        assertCode(() -> api().query(new SessionCaller(0, sender, "d", 1, 0), 5), ErrorCode.BAD_REQUEST);
        assertCode(() -> api().query(new SessionCaller(tenant, 0, "d", 1, 0), 5), ErrorCode.BAD_REQUEST);
    }

    private ReceiptService api() {
        return node.core().endpoint();
    }

    private SessionCaller caller(long userId) {
        return new SessionCaller(tenant, userId, "dev-" + userId, 1, 0);
    }

    private ReceiptDetail querySilently(long userId, long msgId) {
        try {
            return api().query(caller(userId), msgId);
        } catch (ImException e) {
            return null;
        }
    }

    private MessageSentEvent sent(long msgId, long group, List<Long> recipients, boolean needReceipt) {
        return new MessageSentEvent(msgId, tenant, GROUP, group, sender, 1L, 1, "m", needReceipt, recipients,
                List.of());
    }

    private MessageReadEvent read(long reader, long group, List<Long> msgIds) {
        return new MessageReadEvent(tenant, reader, GROUP, group, 1, 1L, new TreeSet<>(msgIds).stream().toList());
    }

    private interface Call {
        void run() throws ImException;
    }

    private static void assertCode(Call call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
