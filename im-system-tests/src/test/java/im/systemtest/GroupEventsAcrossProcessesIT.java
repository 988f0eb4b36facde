package im.systemtest;

import static im.systemtest.ItSupport.answer;
import static im.systemtest.ItSupport.retrying;
import static org.assertj.core.api.Assertions.assertThat;

import im.api.ImException;
import im.api.message.MessageEntry;
import im.api.message.MessageService;
import im.api.message.SendRequest;
import im.api.message.SessionCaller;
import im.api.org.Caller;
import im.api.org.GroupService;
import im.api.org.TenantCreated;
import im.api.org.TenantService;
import im.api.org.UserService;
import im.infra.config.CommonSettings;
import im.infra.dubbo.DubboNode;
import im.testkit.ServiceProcess;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6 across processes: group changes made through im-org-service reach the members' streams of
 * im-logic as GROUP_EVENT entries, through the real {@code im-group-event} topic, in one order with the
 * group's messages. im-org-service and im-logic run as their own JVMs (own registry group, hence own
 * consumer group); this test calls both over Dubbo like the gateway does.
 */
@ExtendWith(StackExtension.class)
class GroupEventsAcrossProcessesIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String REGISTRY_GROUP = "group-event-it-" + RUN;
    /** How long a group change may take to reach the streams before the test fails (normally < 1 s). */
    private static final Duration EVENT_WAIT = Duration.ofSeconds(60);
    /** JVM start-up on a shared 2-core machine under load has taken over 2 minutes; a hung start still fails. */
    private static final Duration STARTUP_WAIT = Duration.ofMinutes(5);
    private static final List<ServiceProcess> processes = new ArrayList<>();
    private static DubboNode client;
    private static DubboNode.Reference<MessageService> messages;
    private static DubboNode.Reference<TenantService> tenants;
    private static DubboNode.Reference<UserService> users;
    private static DubboNode.Reference<GroupService> groups;

    @BeforeAll
    static void startServices(Stack stack) throws Exception {
        // im-logic's consumer group follows the registry group: no other deployment takes our events.
        Map<String, String> env = Map.of("IM_DUBBO_REGISTRY_GROUP", REGISTRY_GROUP);
        processes.add(ServiceProcess.start(stack.repoRoot(), "im-org-service", "im-org-service-group-event-it", env));
        processes.add(ServiceProcess.start(stack.repoRoot(), "im-logic", "im-logic-group-event-it", env));
        for (ServiceProcess p : processes) {
            p.awaitHealthy(STARTUP_WAIT);
        }
        client = new DubboNode(new CommonSettings("im-system-tests", "im-system-tests-group-event", "127.0.0.1", 1, 1,
                stack.zkAddress(), stack.namespace(), REGISTRY_GROUP, 10_000));
        messages = client.reference(MessageService.class, "im-logic");
        tenants = client.reference(TenantService.class, "im-org-service");
        users = client.reference(UserService.class, "im-org-service");
        groups = client.reference(GroupService.class, "im-org-service");
        client.start();
    }

    @AfterAll
    static void stopServices() {
        if (client != null) {
            client.close();
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }

    @Test
    void groupChanges_shouldBeEntriesOfEveryMember_inOneOrderWithTheGroupsMessages() throws Exception {
        TenantCreated tenant = retrying(() -> tenants.get().createTenant(
                new Caller(Caller.PLATFORM_TENANT_ID, Caller.PLATFORM_ADMIN_USER_ID), "ge-" + RUN, "Group events IT",
                "admin", "admin-pass-1"));
        Caller admin = new Caller(tenant.tenantId(), tenant.adminUserId());
        List<Long> u = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            u.add(users.get().create(admin, "user" + i, "pass-word-" + i, "User " + i, List.of()));
        }
        Caller owner = new Caller(tenant.tenantId(), u.get(0));
        awaitConsuming(owner, u);
        long t = tenant.tenantId();

        long group = groups.get().create(owner, "team", List.of(u.get(1), u.get(2)));
        awaitEntries(t, u.get(2), 1);
        long m1 = send(t, u.get(0), group, "welcome");
        groups.get().addMembers(owner, group, List.of(u.get(3)));
        awaitEntries(t, u.get(3), 1);
        long m2 = send(t, u.get(3), group, "hello all");
        groups.get().removeMember(owner, group, u.get(2));
        awaitEntries(t, u.get(2), 5);
        long m3 = send(t, u.get(1), group, "bye");

        List<String> full = List.of("CREATED", "m" + m1, "MEMBERS_ADDED", "m" + m2, "MEMBER_REMOVED", "m" + m3);
        assertThat(stream(t, u.get(0), group)).containsExactlyElementsOf(full);
        assertThat(stream(t, u.get(1), group)).containsExactlyElementsOf(full);
        assertThat(stream(t, u.get(2), group)).as("the removed member learns it was removed")
                .containsExactlyElementsOf(full.subList(0, 5));
        assertThat(stream(t, u.get(3), group)).as("the added member's view starts with its addition")
                .containsExactlyElementsOf(full.subList(2, 6));
    }

    // ---------------------------------------------------------------- helpers

    /**
     * im-logic's consumer group is new: it starts at the end of each queue once it has its queues, so
     * an event published before that is never delivered to it. Changes a probe group until one of its
     * events shows up in the owner's stream.
     */
    private static void awaitConsuming(Caller owner, List<Long> u) throws Exception {
        long tenant = owner.tenantId();
        long probe = groups.get().create(owner, "probe", List.of(u.get(1)));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        boolean muted = false;
        while (System.nanoTime() < deadline) {
            long wait = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < wait) {
                if (!stream(tenant, u.get(0), probe).isEmpty()) {
                    return;
                }
                Thread.sleep(100);
            }
            muted = !muted;
            groups.get().setMuted(owner, probe, u.get(1), muted);
        }
        throw new AssertionError("im-logic never turned a group change into an entry:\n" + processes.get(1).tail());
    }

    private static long send(long tenant, long from, long group, String text) throws Exception {
        return retrying(() -> answer(messages.get().send(caller(tenant, from),
                new SendRequest(UUID.randomUUID().toString(), 2, group, 1, text, new byte[0], false, List.of()))))
                .msgId();
    }

    private static void awaitEntries(long tenant, long user, int count) throws Exception {
        long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
        List<MessageEntry> last = List.of();
        while (System.nanoTime() < deadline) {
            last = answer(messages.get().sync(caller(tenant, user), 0, 500)).messages();
            if (last.size() >= count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("user " + user + " never had " + count + " entries; has " + last);
    }

    /** One group's part of a user's stream: "m<msgId>" for messages, the kind's name for group events. */
    private static List<String> stream(long tenant, long user, long group) throws Exception {
        List<String> out = new ArrayList<>();
        for (MessageEntry e : answer(messages.get().sync(caller(tenant, user), 0, 500)).messages()) {
            if (e.convId() != group) {
                continue;
            }
            if (e.kind() == MessageEntry.KIND_GROUP_EVENT) {
                int start = e.text().indexOf("\"kind\":\"") + 8;
                out.add(e.text().substring(start, e.text().indexOf('"', start)));
            } else {
                out.add("m" + e.msgId());
            }
        }
        return out;
    }

    private static SessionCaller caller(long tenantId, long userId) {
        return new SessionCaller(tenantId, userId, "it-" + userId, 1, 0);
    }

    /** The consumer learns providers from ZooKeeper asynchronously; retry briefly until it has them. */
}
