package im.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import im.testkit.ServiceProcess;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A service with bad configuration stops at once with status 1 and names the key, instead of lingering. */
@ExtendWith(StackExtension.class)
class ServiceStartupIT {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "IM_DUBBO_PORT            | twenty  | 'dubbo.port' must be an integer, was 'twenty'",
        "IM_ADMIN_PORT            | 70000   | 'admin.port' must be in [1, 65535], was 70000",
        "IM_DB_MSG_SHARDED_TABLES | message | db.msg.sharded-tables: expected table:column",
    })
    void start_shouldExitWithStatus1AndNameTheKey_whenConfigIsInvalid(String variable, String value, String expected,
                                                                      Stack stack) throws Exception {
        try (ServiceProcess p = ServiceProcess.start(stack.repoRoot(), "im-logic",
                "im-logic-bad-" + variable.toLowerCase(), Map.of(variable, value))) {
            assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(p.tail()).contains(expected);
        }
    }
}
