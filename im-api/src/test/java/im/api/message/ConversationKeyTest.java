package im.api.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConversationKeyTest {
    private static final int SINGLE = 1;
    private static final int GROUP = 2;

    @Test
    void of_shouldOrderTheTwoUsers_whenTheConversationIsSingle() {
        assertThat(ConversationKey.of(SINGLE, 9L, 4L)).isEqualTo(new ConversationKey(SINGLE, 4L, 9L));
        assertThat(ConversationKey.of(SINGLE, 4L, 9L)).isEqualTo(new ConversationKey(SINGLE, 4L, 9L));
        assertThat(ConversationKey.of(SINGLE, 1L << 62, 3L)).isEqualTo(new ConversationKey(SINGLE, 3L, 1L << 62));
        assertThat(ConversationKey.of(SINGLE, 9L, 4L).single()).isTrue();
    }

    @Test
    void of_shouldBeTheTargetAlone_whenTheConversationIsAGroup() {
        assertThat(ConversationKey.of(GROUP, 9L, 500L)).isEqualTo(new ConversationKey(GROUP, 500L, 0L));
        assertThat(ConversationKey.of(GROUP, 1L, 500L)).isEqualTo(ConversationKey.of(GROUP, 9L, 500L));
        assertThat(ConversationKey.of(GROUP, 9L, 500L).single()).isFalse();
    }

    @Test
    void of_shouldBeTheSameForBothSides_forManyPairs() {
        for (long a = -3; a <= 40; a++) {
            for (long b = -3; b <= 40; b++) {
                ConversationKey key = ConversationKey.of(SINGLE, a, b);
                assertThat(key).isEqualTo(ConversationKey.of(SINGLE, b, a));
                assertThat(key.convId()).isLessThanOrEqualTo(key.convPeer());
            }
        }
    }

    /** Values computed by the rule as it was written before it moved here: routes and queues stay put. */
    @Test
    void routeAndReadQueue_shouldKeepTheirValues_whenDerivedFromTheKey() {
        assertThat(SendBatch.routeOf(1000L, SINGLE, 1001L)).isEqualTo(17);
        assertThat(SendBatch.routeOf(1001L, SINGLE, 1000L)).isEqualTo(17);
        assertThat(SendBatch.routeOf(7L, GROUP, 500L)).isEqualTo(14);
        assertThat(SendBatch.routeOf(1L << 40, SINGLE, 3L)).isEqualTo(2);
        assertThat(MessageTopics.readQueueKey(SINGLE, 9L, 4L)).isEqualTo(4L * 31 + 9);
        assertThat(MessageTopics.readQueueKey(SINGLE, 4L, 9L)).isEqualTo(4L * 31 + 9);
        assertThat(MessageTopics.readQueueKey(GROUP, 9L, 500L)).isEqualTo(500L);
    }
}
