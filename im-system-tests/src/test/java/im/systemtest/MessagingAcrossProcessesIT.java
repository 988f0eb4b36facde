package im.systemtest;

import static im.systemtest.ItSupport.answer;
import static im.systemtest.ItSupport.retrying;
import static org.assertj.core.api.Assertions.assertThat;

import im.api.message.MessageEntry;
import im.api.message.MessageService;
import im.api.message.SendRequest;
import im.api.message.SessionCaller;
import im.api.message.SyncResult;
import im.api.org.Caller;
import im.api.org.GroupService;
import im.api.org.TenantCreated;
import im.api.org.TenantService;
import im.api.org.UserService;
import im.infra.config.CommonSettings;
import im.infra.dubbo.DubboNode;
import im.systemtest.ItSupport.Call;
import im.testkit.ServiceProcess;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two im-logic processes and im-org-service, each its own JVM; this test is the gateway's stand-in,
 * calling {@link MessageService} through the registry (Dubbo spreads the calls over both im-logic
 * processes). Sends are authorized by the real im-org-service against a tenant, users and a group
 * created through its API.
 */
@ExtendWith(StackExtension.class)
class MessagingAcrossProcessesIT {
    private static final String REGISTRY_GROUP = "msg-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<ServiceProcess> processes = new ArrayList<>();
    private static DubboNode client;
    private static DubboNode.Reference<MessageService> messages;
    private static DubboNode.Reference<TenantService> tenants;
    private static DubboNode.Reference<UserService> users;
    private static DubboNode.Reference<GroupService> groups;

    @BeforeAll
    static void startServices(Stack stack) throws Exception {
        Map<String, String> env = Map.of("IM_DUBBO_REGISTRY_GROUP", REGISTRY_GROUP);
        processes.add(ServiceProcess.start(stack.repoRoot(), "im-org-service", "im-org-service-msg-it", env));
        processes.add(ServiceProcess.start(stack.repoRoot(), "im-logic", "im-logic-msg-it-a", env));
        processes.add(ServiceProcess.start(stack.repoRoot(), "im-logic", "im-logic-msg-it-b", env));
        for (ServiceProcess p : processes) {
            p.awaitHealthy(Duration.ofSeconds(120));
        }
        client = new DubboNode(new CommonSettings("im-system-tests", "im-system-tests-msg", "127.0.0.1", 1, 1,
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
        for (ServiceProcess p : processes) {
            try {
                p.close();
            } catch (Exception e) {
                System.err.println("failed to stop " + p.pid() + ": " + e);
            }
        }
    }

    @Test
    void groupSends_shouldKeepOneOrderForEveryMember_whenTwoLogicProcessesServeThem() throws Exception {
        String code = "msg-" + UUID.randomUUID().toString().substring(0, 8);
        TenantCreated tenant = awaitOrg(() -> tenants.get().createTenant(
                new Caller(Caller.PLATFORM_TENANT_ID, Caller.PLATFORM_ADMIN_USER_ID), code, "Messaging IT", "admin",
                "admin-pass-1"));
        Caller admin = new Caller(tenant.tenantId(), tenant.adminUserId());
        List<Long> members = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            members.add(users.get().create(admin, "user" + i, "pass-word-" + i, "User " + i, List.of()));
        }
        long group = groups.get().create(new Caller(tenant.tenantId(), members.get(0)), "order",
                members.subList(1, members.size()));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Long> sent = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            SessionCaller sender = caller(tenant.tenantId(), members.get(t));
            work.add(pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    // One request per message: a retry resends the same client_msg_id, never a copy.
                    SendRequest request = new SendRequest(UUID.randomUUID().toString(), 2, group, 1, "m" + i,
                            new byte[0], false, List.of());
                    sent.add(awaitLogic(() -> answer(messages.get().send(sender, request))).msgId());
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        Set<Long> workers = new HashSet<>();
        sent.forEach(id -> workers.add((id >>> 12) & 1023)); // MsgIdGenerator's worker bits
        assertThat(workers).as("message ids from both im-logic processes").hasSize(2);
        List<Long> reference = null;
        for (long member : members) {
            SyncResult page = answer(messages.get().sync(caller(tenant.tenantId(), member), 0, 500));
            // the group's messages; its GROUP_EVENT entries (created, members added) are not what was sent
            List<Long> order = page.messages().stream()
                    .filter(e -> e.convType() == 2 && e.kind() == MessageEntry.KIND_NORMAL)
                    .map(MessageEntry::msgId).toList();
            assertThat(order).containsExactlyInAnyOrderElementsOf(sent);
            if (reference == null) {
                reference = order;
            }
            assertThat(order).as("order seen by member %d", member).isEqualTo(reference);
        }
    }

    private static SessionCaller caller(long tenantId, long userId) {
        return new SessionCaller(tenantId, userId, "it-" + userId, 1, 0);
    }

    /** The consumer learns providers from ZooKeeper asynchronously; retry briefly until it has them. */
    private static <T> T awaitOrg(Call<T> call) throws Exception {
        return retrying(call);
    }

    private static <T> T awaitLogic(Call<T> call) throws Exception {
        return retrying(call);
    }

}
