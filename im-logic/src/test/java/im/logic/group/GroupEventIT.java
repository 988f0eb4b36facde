package im.logic.group;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.ImException;
import im.api.message.MessageEntry;
import im.api.org.GroupEvent;
import im.api.org.GroupEventCodec;
import im.api.org.GroupEventKind;
import im.logic.support.LogicNode;
import im.logic.support.TestOrg;
import im.logic.support.Users;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Group events from the real {@code im-group-event} topic, published as im-org-service publishes them
 * (queue chosen by group id), consumed by {@link GroupEventListener} in its own consumer group into a
 * {@link LogicNode} over the real sharded MariaDB, Redis and ZooKeeper; the members' streams are read
 * back with {@code sync}.
 */
@ExtendWith(StackExtension.class)
class GroupEventIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final TestOrg ORG = new TestOrg(31);
    /** How long an event may take to reach the streams before a test fails (it normally takes < 1 s). */
    private static final Duration EVENT_WAIT = Duration.ofSeconds(60);

    private static LogicNode node;
    private static DefaultMQProducer producer;
    private static DefaultMQPushConsumer consumer;

    @BeforeAll
    static void start(Stack stack) throws Exception {
        node = new LogicNode(stack, "group-event-it-" + RUN, ORG, Map.of());
        producer = stack.rocketMq("group-event-it-" + RUN).producer("group-event-it-producer-" + RUN);
        consumer = stack.rocketMq("group-event-it-" + RUN).orderlyConsumer("group-event-it-" + RUN,
                GroupEvent.TOPIC, new GroupEventListener(node.core().groupEvents(), () -> true));
        awaitConsuming();
    }

    @AfterAll
    static void stop() {
        if (consumer != null) {
            consumer.shutdown();
        }
        if (producer != null) {
            producer.shutdown();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void membershipChanges_shouldBeEntriesOfEveryMember_inOneOrderWithTheGroupsMessages() throws Exception {
        List<Long> u = Users.fresh(4);
        long group = u.get(0) - 1;
        ORG.group(group, u.subList(0, 3));
        publish(event(group, 1, GroupEventKind.CREATED, u.get(0), u.subList(0, 3)));
        awaitEntries(u.get(2), 1);
        long m1 = Users.text(node.api(), ORG, u.get(0), 2, group, "welcome").msgId();
        ORG.group(group, u);
        publish(event(group, 2, GroupEventKind.MEMBERS_ADDED, u.get(0), List.of(u.get(3))));
        awaitEntries(u.get(3), 1);
        long m2 = Users.text(node.api(), ORG, u.get(1), 2, group, "hi newcomer").msgId();
        ORG.group(group, List.of(u.get(0), u.get(1), u.get(3)));
        publish(event(group, 3, GroupEventKind.MEMBER_REMOVED, u.get(0), List.of(u.get(2))));
        awaitEntries(u.get(2), 5);
        long m3 = Users.text(node.api(), ORG, u.get(3), 2, group, "bye").msgId();

        List<String> full = List.of("CREATED", "m" + m1, "MEMBERS_ADDED", "m" + m2, "MEMBER_REMOVED", "m" + m3);
        assertThat(described(u.get(0))).containsExactlyElementsOf(full);
        assertThat(described(u.get(1))).containsExactlyElementsOf(full);
        assertThat(described(u.get(2))).as("the removed member learns it was removed, and sees nothing after")
                .containsExactlyElementsOf(full.subList(0, 5));
        assertThat(described(u.get(3))).as("the added member's stream starts with its addition")
                .containsExactlyElementsOf(full.subList(2, 6));
        MessageEntry added = Users.syncAll(node.api(), ORG, u.get(3), 0, 50).get(0);
        assertThat(added.kind()).isEqualTo(MessageEntry.KIND_GROUP_EVENT);
        assertThat(added.convType()).isEqualTo(2);
        assertThat(added.convId()).isEqualTo(group);
        assertThat(added.fromUserId()).isEqualTo(u.get(0));
        assertThat(added.contentType()).isEqualTo(GroupEventApplier.CONTENT_SYSTEM);
        assertThat(added.refMsgId()).isZero();
        assertThat(added.recalled()).isFalse();
        assertThat(added.text()).contains("\"kind\":\"MEMBERS_ADDED\"", "\"operatorId\":\"" + u.get(0) + "\"",
                "\"userIds\":[\"" + u.get(3) + "\"]", "\"version\":2");
    }

    @Test
    void redeliveredEvent_shouldBecomeOneEntry() throws Exception {
        List<Long> u = Users.fresh(3);
        long group = u.get(0) - 1;
        ORG.group(group, u);
        GroupEvent muted = event(group, 7, GroupEventKind.MEMBER_MUTED, u.get(0), List.of(u.get(1)));

        for (int i = 0; i < 3; i++) {
            publish(muted); // as RocketMQ redelivers: the same event, three times
        }
        long direct = node.core().groupEvents().apply(muted);
        long again = node.core().groupEvents().apply(muted);
        publish(event(group, 8, GroupEventKind.MEMBER_UNMUTED, u.get(0), List.of(u.get(1))));
        awaitEntries(u.get(2), 2);

        assertThat(again).isEqualTo(direct);
        for (long member : u) {
            List<MessageEntry> entries = Users.syncAll(node.api(), ORG, member, 0, 50);
            assertThat(entries).extracting(MessageEntry::text).as("member %s", member)
                    .satisfiesExactly(t -> assertThat(t).contains("MEMBER_MUTED"),
                            t -> assertThat(t).contains("MEMBER_UNMUTED"));
            assertThat(entries.get(0).msgId()).isEqualTo(direct);
        }
    }

    @Test
    void dismissedGroup_shouldReachEveryMemberItHad() throws Exception {
        List<Long> u = Users.fresh(5);
        long group = u.get(0) - 1;
        ORG.group(group, u);
        long m1 = Users.text(node.api(), ORG, u.get(4), 2, group, "last words").msgId();
        ORG.dismiss(group);

        publish(event(group, 12, GroupEventKind.DISMISSED, u.get(0), u));

        for (long member : u) {
            awaitEntries(member, 2);
            assertThat(described(member)).containsExactly("m" + m1, "DISMISSED");
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A new consumer group starts at the end of each queue once it has its queues; events published
     * before that are skipped. Republishes a probe event until it shows, so that the tests' events are
     * published only once the listener consumes.
     */
    private static void awaitConsuming() throws Exception {
        List<Long> probe = Users.fresh(2);
        long group = probe.get(0) - 1;
        ORG.group(group, probe);
        GroupEvent created = event(group, 1, GroupEventKind.CREATED, probe.get(0), probe);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            publish(created); // de-duplicated by (groupId, version): one entry however often it arrives
            long wait = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < wait) {
                if (!Users.syncAll(node.api(), ORG, probe.get(1), 0, 10).isEmpty()) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the group event consumer never delivered the probe event");
    }

    private static GroupEvent event(long group, long version, GroupEventKind kind, long operator, List<Long> users) {
        return new GroupEvent(group, ORG.tenantId(), version, kind, operator, users, System.currentTimeMillis());
    }

    /** As im-org-service publishes: tag = kind, key = group, queue chosen by group id. */
    private static void publish(GroupEvent e) throws Exception {
        Message m = new Message(GroupEvent.TOPIC, e.kind().name(), Long.toString(e.groupId()),
                GroupEventCodec.encode(e));
        SendStatus status = producer.send(m, (List<MessageQueue> queues, Message msg, Object id) ->
                queues.get((int) Math.floorMod((Long) id, (long) queues.size())), e.groupId()).getSendStatus();
        assertThat(status).isEqualTo(SendStatus.SEND_OK);
    }

    private static void awaitEntries(long user, int count) throws Exception {
        long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
        List<MessageEntry> last = List.of();
        while (System.nanoTime() < deadline) {
            last = Users.syncAll(node.api(), ORG, user, 0, 50);
            if (last.size() >= count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("user " + user + " never had " + count + " entries; has " + describe(last));
    }

    /** The user's stream as "m<msgId>" for messages and the kind's name for group events. */
    private static List<String> described(long user) throws ImException {
        return describe(Users.syncAll(node.api(), ORG, user, 0, 50));
    }

    private static List<String> describe(List<MessageEntry> entries) {
        List<String> out = new ArrayList<>();
        for (MessageEntry e : entries) {
            if (e.kind() == MessageEntry.KIND_GROUP_EVENT) {
                String text = e.text();
                int start = text.indexOf("\"kind\":\"") + 8;
                out.add(text.substring(start, text.indexOf('"', start)));
            } else {
                out.add("m" + e.msgId());
            }
        }
        return out;
    }
}
