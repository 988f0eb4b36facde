package im.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.ping.PingService;
import im.api.ping.Pong;
import im.infra.config.CommonSettings;
import im.infra.dubbo.DubboNode;
import im.testkit.ServiceProcess;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * im-org-service and im-logic as two real processes registered in ZooKeeper; this test is a third
 * Dubbo process. The test's own registry root keeps it apart from any stack already running.
 * The last test kills im-org-service with SIGKILL.
 */
@ExtendWith(StackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DubboAcrossProcessesIT {
    private static final String REGISTRY_GROUP = "dubbo-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static ServiceProcess org;
    private static ServiceProcess logic;
    private static DubboNode client;
    private static DubboNode.Reference<PingService> logicPing;

    @BeforeAll
    static void startServices(Stack stack) throws Exception {
        Map<String, String> env = Map.of("IM_DUBBO_REGISTRY_GROUP", REGISTRY_GROUP);
        org = ServiceProcess.start(stack.repoRoot(), "im-org-service", "im-org-service-it", env);
        logic = ServiceProcess.start(stack.repoRoot(), "im-logic", "im-logic-it", env);
        org.awaitHealthy(ServiceProcess.STARTUP_WAIT);
        logic.awaitHealthy(ServiceProcess.STARTUP_WAIT);

        client = new DubboNode(new CommonSettings("im-system-tests", "im-system-tests-0", "127.0.0.1", 1, 1,
                stack.zkAddress(), stack.namespace(), REGISTRY_GROUP, 5000));
        logicPing = client.reference(PingService.class, "im-logic");
        client.start();
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (client != null) {
            client.close();
        }
        if (logic != null) {
            logic.close();
        }
        if (org != null) {
            org.close();
        }
    }

    @Test
    void ping_shouldReachLogic_whichReachesOrg_throughTheRegistry() throws Exception {
        Pong pong = awaitPong(p -> p.downstream().stream().anyMatch(l -> l.startsWith("im-org-service=ok")));

        assertThat(pong.service()).isEqualTo("im-logic");
        assertThat(pong.pid()).isEqualTo(logic.pid()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(pong.downstream()).containsExactly(
                "im-org-service=ok pid=" + org.pid() + " instance=im-org-service-it");
    }

    @Test
    void ping_shouldAnswerBadRequest_withTheErrorCode_whenCallerIsBlank() {
        assertThatThrownBy(() -> logicPing.get().ping(" "))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThat(logic.isAlive()).isTrue();
    }

    @Test
    @Order(Integer.MAX_VALUE) // kills im-org-service: runs after the tests that need it
    void ping_shouldReportOrgDown_afterOrgIsKilled_whileLogicKeepsAnswering() throws Exception {
        awaitPong(p -> p.downstream().stream().anyMatch(l -> l.startsWith("im-org-service=ok")));

        org.kill();

        Pong pong = awaitPong(p -> p.downstream().stream().anyMatch(l -> l.startsWith("im-org-service=DOWN")));
        assertThat(pong.pid()).isEqualTo(logic.pid());
        assertThat(logic.isAlive()).isTrue();
    }

    /** The consumer learns providers from ZooKeeper asynchronously; retry briefly until it has them. */
    private static Pong awaitPong(java.util.function.Predicate<Pong> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Pong pong = logicPing.get().ping("im-system-tests");
                if (done.test(pong)) {
                    return pong;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no complete pong from im-logic within 30 s", last);
    }
}
