package im.extlogic.push;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.push.OfflinePushEvent;
import im.api.push.PushDevice;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PushMergerTest {
    private static final List<PushDevice> PHONE = List.of(new PushDevice("phone-1", 2));

    private static OfflinePushEvent event(long msgId, long userId, long from, String name, long convId) {
        return new OfflinePushEvent(msgId, 3L, userId, 1, convId, from, name, "text " + msgId, 1L, false, PHONE);
    }

    @Test
    void add_shouldMergeOneUsersMessagesIntoOneNotification_whenWithinTheWindow() throws Exception {
        BlockingQueue<PushNotification> sent = new LinkedBlockingQueue<>();
        try (PushMerger merger = new PushMerger(300, 10, sent::add)) {
            assertThat(merger.add(event(1, 42, 7, "Zhang San", 7), PHONE)).isTrue();
            assertThat(merger.add(event(2, 42, 7, "Zhang San", 7), PHONE)).isTrue();
            assertThat(merger.add(event(2, 42, 7, "Zhang San", 7), PHONE)).as("a redelivery").isTrue();
            assertThat(merger.add(event(3, 42, 7, "Zhang San", 7), PHONE)).isTrue();

            PushNotification n = sent.poll(10, TimeUnit.SECONDS);
            assertThat(n).isNotNull();
            assertThat(n.body()).isEqualTo("3 new messages from Zhang San");
            assertThat(n.msgIds()).containsExactly(1L, 2L, 3L);
            assertThat(n.id()).isEqualTo("42-1");
            assertThat(sent.poll(500, TimeUnit.MILLISECONDS)).as("nothing else").isNull();
        }
    }

    @Test
    void add_shouldCountChats_whenSeveralSendersWithinTheWindow() throws Exception {
        BlockingQueue<PushNotification> sent = new LinkedBlockingQueue<>();
        try (PushMerger merger = new PushMerger(300, 10, sent::add)) {
            merger.add(event(1, 42, 7, "Zhang San", 7), PHONE);
            merger.add(event(2, 42, 8, "", 8), PHONE);

            PushNotification n = sent.poll(10, TimeUnit.SECONDS);
            assertThat(n).isNotNull();
            assertThat(n.body()).isEqualTo("2 new messages in 2 chats");
        }
    }

    @Test
    void add_shouldShowThePreview_whenOneMessage() throws Exception {
        BlockingQueue<PushNotification> sent = new LinkedBlockingQueue<>();
        try (PushMerger merger = new PushMerger(50, 10, sent::add)) {
            merger.add(event(9, 42, 8, "", 8), PHONE);

            PushNotification n = sent.poll(10, TimeUnit.SECONDS);
            assertThat(n).isNotNull();
            assertThat(n.title()).isEqualTo("user 8");
            assertThat(n.body()).isEqualTo("text 9");
        }
    }

    @Test
    void add_shouldRefuseANewUser_whenTheWindowLimitIsReached() {
        try (PushMerger merger = new PushMerger(60_000, 1, n -> { })) {
            assertThat(merger.add(event(1, 42, 7, "a", 7), PHONE)).isTrue();

            assertThat(merger.add(event(2, 43, 7, "a", 7), PHONE)).isFalse();
            assertThat(merger.add(event(3, 42, 7, "a", 7), PHONE)).as("the open user still merges").isTrue();
        }
    }

    @Test
    void close_shouldSendOpenWindows() {
        List<PushNotification> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        PushMerger merger = new PushMerger(60_000, 10, sent::add);
        merger.add(event(1, 42, 7, "a", 7), PHONE);

        merger.close();

        assertThat(sent).singleElement().extracting(PushNotification::userId).isEqualTo(42L);
    }
}
