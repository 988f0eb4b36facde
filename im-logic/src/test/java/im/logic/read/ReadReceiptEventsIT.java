package im.logic.read;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.message.MessageEntry;
import im.api.message.MessageEventCodec;
import im.api.message.MessageReadEvent;
import im.api.message.MessageTopics;
import im.api.message.SendRequest;
import im.logic.support.LogicNode;
import im.logic.support.TestOrg;
import im.logic.support.Users;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a read tells im-receipt-service: each move of a read seq names exactly the receipt-needing
 * messages from others it covered, read from the reader's own stream. Observed on the real topic with
 * the test's own consumer group, keeping only this run's tenant.
 */
@ExtendWith(StackExtension.class)
class ReadReceiptEventsIT {
    private static final long WAIT_NANOS = TimeUnit.MINUTES.toNanos(3);

    @Test
    void read_shouldNameTheCoveredReceiptMessagesFromOthers_onceEach(Stack stack) throws Exception {
        TestOrg org = new TestOrg(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50));
        List<Long> u = Users.fresh(4);
        long a = u.get(0);
        long b = u.get(1);
        long c = u.get(2);
        long group = u.get(3);
        org.group(group, List.of(a, b, c));
        ConcurrentLinkedQueue<MessageReadEvent> seen = new ConcurrentLinkedQueue<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        DefaultMQPushConsumer consumer = stack.rocketMq("read-events-it-" + run).consumer("read-events-it-" + run,
                MessageTopics.MESSAGE_READ, (msgs, ctx) -> {
                    for (MessageExt m : msgs) {
                        MessageReadEvent e = MessageEventCodec.decodeRead(m.getBody());
                        if (e.tenantId() == org.tenantId()) {
                            seen.add(e);
                        }
                    }
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
        try (LogicNode node = new LogicNode(stack, "read-events-" + run, org, Map.of())) {
            // The new consumer group starts at the topic's end once it has its queues: probe with single-chat
            // reads (which always name their message) until one arrives.
            long probe = 0;
            for (int i = 0; i < 20 && seen.isEmpty(); i++) {
                probe = send(node, org, b, 1, a, false);
                node.api().read(Users.caller(org, a), 1, b, maxSeq(node, org, a));
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (seen.isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
            }
            long lastProbe = probe;
            await(() -> seen.stream().anyMatch(e -> e.receiptMsgIds().contains(lastProbe)));
            assertThat(seen).filteredOn(e -> e.receiptMsgIds().contains(lastProbe)).singleElement()
                    .satisfies(e -> assertThat(e.receiptMsgIds()).containsExactly(lastProbe));

            long m1 = send(node, org, a, 2, group, true);
            long m2 = send(node, org, a, 2, group, false);
            long m3 = send(node, org, a, 2, group, true);
            long m4 = send(node, org, b, 2, group, true); // b's own: never in b's read marks, in c's

            node.api().read(Users.caller(org, b), 2, group, maxSeq(node, org, b));
            long cSeqOfM2 = seqOf(node, org, c, m2);
            node.api().read(Users.caller(org, c), 2, group, cSeqOfM2);
            node.api().read(Users.caller(org, c), 2, group, cSeqOfM2); // no move: no event
            node.api().read(Users.caller(org, c), 2, group, maxSeq(node, org, c));

            await(() -> seen.stream().filter(e -> e.userId() == c).count() >= 2
                    && seen.stream().anyMatch(e -> e.userId() == b));
            Thread.sleep(2000); // an extra event would have come with these
            assertThat(seen).filteredOn(e -> e.userId() == b).singleElement()
                    .satisfies(e -> assertThat(e.receiptMsgIds()).containsExactly(m1, m3));
            assertThat(seen).filteredOn(e -> e.userId() == c).extracting(MessageReadEvent::receiptMsgIds)
                    .containsExactlyInAnyOrder(List.of(m1), List.of(m3, m4));
        } finally {
            consumer.shutdown();
        }
    }

    private static long send(LogicNode node, TestOrg org, long from, int convType, long to, boolean receipt)
            throws Exception {
        return node.api().send(Users.caller(org, from), new SendRequest(UUID.randomUUID().toString(), convType, to, 1,
                "m", new byte[0], receipt, List.of())).msgId();
    }

    private static long maxSeq(LogicNode node, TestOrg org, long user) throws Exception {
        List<MessageEntry> all = Users.syncAll(node.api(), org, user, 0, 100);
        return all.get(all.size() - 1).seq();
    }

    private static long seqOf(LogicNode node, TestOrg org, long user, long msgId) throws Exception {
        return Users.syncAll(node.api(), org, user, 0, 100).stream().filter(e -> e.msgId() == msgId).findFirst()
                .orElseThrow().seq();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }
}
