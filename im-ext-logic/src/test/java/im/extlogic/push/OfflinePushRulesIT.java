package im.extlogic.push;

import static im.extlogic.push.PushPipeline.PHONE;
import static im.extlogic.push.PushPipeline.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import im.api.push.OfflinePushCodec;
import im.api.push.OfflinePushEvent;
import im.api.push.PushDevice;
import im.testkit.Stack;
import im.testkit.StackExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The listener's rules against the users' preferences in real Redis, one delivery at a time, so
 * that each skip is observed for the user it concerns (a consumer group on the shared topic also
 * replays other runs' events, which makes global counters ambiguous end to end).
 */
@ExtendWith(StackExtension.class)
class OfflinePushRulesIT {
    private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void listener_shouldSkipMutedQuietHoursAndDesktopOnly_andMergeTheRest(Stack stack) throws Exception {
        PushPreferences preferences = new PushPreferences(stack.redisson());
        BlockingQueue<PushNotification> merged = new LinkedBlockingQueue<>();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        long muted = newUser();
        long sleeping = newUser();
        long atDesk = newUser();
        long normal = newUser();
        preferences.setMuted(muted, 1, 88L, true);
        preferences.setDoNotDisturb(sleeping, Optional.of(new DoNotDisturb(LocalTime.of(22, 0), LocalTime.of(13, 0),
                ZoneOffset.UTC)));
        preferences.setDoNotDisturb(normal, Optional.of(new DoNotDisturb(LocalTime.of(13, 0), LocalTime.of(14, 0),
                ZoneOffset.UTC)));
        try (PushMerger merger = new PushMerger(60_000, 100, merged::add)) {
            OfflinePushListener listener = new OfflinePushListener(preferences, merger,
                    Clock.fixed(NOON, ZoneOffset.UTC), metrics);

            assertThat(deliver(listener, event(muted, 88L, PHONE))).isEqualTo(ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
            assertThat(metrics.counter("im.push.skipped", "reason", "muted").count()).isEqualTo(1);
            deliver(listener, event(sleeping, 89L, PHONE));
            assertThat(metrics.counter("im.push.skipped", "reason", "do_not_disturb").count()).isEqualTo(1);
            deliver(listener, event(atDesk, 90L, List.of(new PushDevice("desk-1", 1), new PushDevice("web-1", 3))));
            assertThat(metrics.counter("im.push.skipped", "reason", "no_mobile_device").count()).isEqualTo(1);
            deliver(listener, event(muted, 91L, PHONE)); // another chat of the muted user still notifies
            deliver(listener, event(normal, 92L, List.of(new PushDevice("desk-1", 1), new PushDevice("phone-1", 2))));
            assertThat(deliver(listener, new byte[] {9, 9})).as("a corrupt body is skipped, not retried forever")
                    .isEqualTo(ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        } // closing the merger sends the open windows now

        List<PushNotification> sent = List.of(merged.poll(5, TimeUnit.SECONDS), merged.poll(5, TimeUnit.SECONDS));
        assertThat(merged.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(sent).extracting(PushNotification::userId).containsExactlyInAnyOrder(muted, normal);
        assertThat(sent).filteredOn(n -> n.userId() == normal).singleElement()
                .satisfies(n -> assertThat(n.devices()).as("desktop dropped").containsExactly(PHONE.get(0)));
        preferences.setMuted(muted, 1, 88L, false);
        preferences.setDoNotDisturb(sleeping, Optional.empty());
        preferences.setDoNotDisturb(normal, Optional.empty());
        assertThat(preferences.isMuted(muted, 1, 88L)).isFalse();
    }

    private static OfflinePushEvent event(long userId, long from, List<PushDevice> devices) {
        return new OfflinePushEvent(from * 1000 + userId % 1000, 3L, userId, 1, from, from, "sender " + from, "hi",
                NOON.toEpochMilli(), false, devices);
    }

    private static ConsumeConcurrentlyStatus deliver(OfflinePushListener listener, OfflinePushEvent e) {
        return deliver(listener, OfflinePushCodec.encode(e));
    }

    private static ConsumeConcurrentlyStatus deliver(OfflinePushListener listener, byte[] body) {
        MessageExt m = new MessageExt();
        m.setTopic(OfflinePushEvent.TOPIC);
        m.setBody(body);
        return listener.consumeMessage(List.of(m), null);
    }
}
