package im.extlogic.push;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.push.PushDevice;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushDispatcherTest {

    @Test
    void backoff_shouldDoubleFromTheInitialWait_andStopAtTheMaximum() {
        assertThat(PushDispatcher.backoffMillis(1, 500, 10_000)).isEqualTo(500);
        assertThat(PushDispatcher.backoffMillis(2, 500, 10_000)).isEqualTo(1000);
        assertThat(PushDispatcher.backoffMillis(4, 500, 10_000)).isEqualTo(4000);
        assertThat(PushDispatcher.backoffMillis(6, 500, 10_000)).isEqualTo(10_000);
        assertThat(PushDispatcher.backoffMillis(64, 500, 10_000)).as("no overflow").isEqualTo(10_000);
    }

    @Test
    void json_shouldEscapeText_andWriteIdsAsStrings() {
        PushNotification n = new PushNotification("42-1", 3L, 42L, List.of(new PushDevice("p\"1", 2)), "Zhang \"Z\"",
                "line1\nline2 \\ 你好", 2, List.of(1L << 62, 2L));

        assertThat(n.toJson()).isEqualTo("{\"id\":\"42-1\",\"tenantId\":\"3\",\"userId\":\"42\","
                + "\"devices\":[{\"deviceId\":\"p\\\"1\",\"platform\":2}],\"title\":\"Zhang \\\"Z\\\"\","
                + "\"body\":\"line1\\nline2 \\\\ 你好\",\"count\":2,\"msgIds\":[\"4611686018427387904\",\"2\"]}");
    }

    @Test
    void pushable_shouldKeepOnlyMobileDevices() {
        List<PushDevice> devices = List.of(new PushDevice("desk", 1), new PushDevice("phone", 2),
                new PushDevice("web", 3));

        assertThat(OfflinePushListener.pushable(devices)).containsExactly(new PushDevice("phone", 2));
    }
}
