package im.org;

import static im.org.Codes.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import im.api.ErrorCode;
import im.api.org.AuthorizationService;
import im.api.org.Caller;
import im.api.org.GroupEvent;
import im.api.org.GroupEventCodec;
import im.api.org.GroupEventKind;
import im.api.org.GroupMembers;
import im.api.org.GroupService;
import im.api.org.UserPage;
import im.org.bench.BulkUsers;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StackExtension.class)
class LargeGroupIT {

    @Test
    void create_shouldHoldTenThousandMembers_andPublishThemInOneCreatedEvent(Stack stack) throws Exception {
        LinkedBlockingQueue<GroupEvent> events = new LinkedBlockingQueue<>();
        // the test run's namespace, like the org service that publishes (a raw consumer would read the
        // un-namespaced topic of another stack)
        DefaultMQPushConsumer consumer = stack.rocketMq("large-group-it").consumer(
                "org-it-" + UUID.randomUUID().toString().substring(0, 8), GroupEvent.TOPIC,
                (List<MessageExt> msgs, org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext ctx) -> {
                    msgs.forEach(m -> events.add(GroupEventCodec.decode(m.getBody())));
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
        try (OrgFixture org = new OrgFixture(stack)) {
            Caller admin = org.newTenant("big");
            Caller owner = org.user(admin, "owner");
            List<Long> others = LongStream.of(BulkUsers.insert(stack.physical("org", 0), admin.tenantId(), "u",
                    GroupService.MAX_MEMBERS - 1, new long[0])).boxed().toList();

            long group = org.groups.create(owner, "Everyone", others);
            UserPage page = org.users.list(admin, 0, 50, 100);
            assertThat(page.total()).isEqualTo(GroupService.MAX_MEMBERS + 1L); // + the tenant admin
            assertThat(page.users()).hasSize(100);
            assertThat(page.users().get(0).userId()).isEqualTo(others.get(49 * 100 - 2)); // admin, owner first

            GroupMembers members = org.groups.members(group);
            assertThat(members.userIds()).hasSize(GroupService.MAX_MEMBERS).contains(owner.userId());
            assertThat(members.version()).isEqualTo(1L);
            Caller last = new Caller(admin.tenantId(), others.get(others.size() - 1));
            assertThat(org.authorization.authorizeSend(last.tenantId(), last.userId(), AuthorizationService.CONV_GROUP,
                    group).groupVersion()).isEqualTo(1L);
            Caller extra = org.user(admin, "one-too-many");
            assertThat(codeOf(() -> org.groups.addMembers(owner, group, List.of(extra.userId()))))
                    .isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(codeOf(() -> org.groups.create(owner, "too big", concat(others, extra.userId()))))
                    .isEqualTo(ErrorCode.BAD_REQUEST);

            GroupEvent created = awaitEvent(events, group);
            assertThat(created.kind()).isEqualTo(GroupEventKind.CREATED);
            assertThat(created.userIds()).hasSize(GroupService.MAX_MEMBERS);
            assertThat(created.version()).isEqualTo(1L);

            org.groups.removeMember(owner, group, others.get(0));
            assertThat(org.groups.members(group).userIds()).hasSize(GroupService.MAX_MEMBERS - 1);
            assertThat(org.groups.members(group).version()).isEqualTo(2L);
            GroupEvent removed = awaitEvent(events, group);
            assertThat(removed.kind()).isEqualTo(GroupEventKind.MEMBER_REMOVED);
            assertThat(removed.userIds()).containsExactly(others.get(0));
            assertThat(removed.version()).isEqualTo(2L);
        } finally {
            consumer.shutdown();
        }
    }

    private static List<Long> concat(List<Long> ids, long one) {
        List<Long> out = new ArrayList<>(ids);
        out.add(one);
        return out;
    }

    private static GroupEvent awaitEvent(LinkedBlockingQueue<GroupEvent> events, long groupId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            GroupEvent e = events.poll(1, TimeUnit.SECONDS);
            if (e != null && e.groupId() == groupId) {
                return e;
            }
        }
        throw new AssertionError("no group event for group " + groupId + " within 60 s");
    }
}
