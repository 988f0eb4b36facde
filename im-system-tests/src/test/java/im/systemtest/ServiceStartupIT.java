package im.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import im.testkit.ServiceProcess;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A service with bad configuration stops at once with status 1 and names the key, instead of lingering. */
@ExtendWith(StackExtension.class)
class ServiceStartupIT {

    @Test
    void start_shouldExitWithStatus1AndNameTheKey_whenAPortIsNotANumber(Stack stack) throws Exception {
        ServiceProcess p = ServiceProcess.start(stack.repoRoot(), "im-logic", "im-logic-badport",
                Map.of("IM_DUBBO_PORT", "twenty"));
        try {
            assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(p.tail()).contains("'dubbo.port' must be an integer, was 'twenty'");
        } finally {
            p.close();
        }
    }

    @Test
    void start_shouldExitWithStatus1_whenTheDatabaseLayoutIsInvalid(Stack stack) throws Exception {
        ServiceProcess p = ServiceProcess.start(stack.repoRoot(), "im-logic", "im-logic-badlayout",
                Map.of("IM_DB_MSG_SHARDED_TABLES", "message"));
        try {
            assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(p.tail()).contains("db.msg.sharded-tables: expected table:column");
        } finally {
            p.close();
        }
    }
}
