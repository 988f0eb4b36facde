package im.receipt.notify;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.protocol.ReceiptCount;
import im.api.protocol.ReceiptNotify;
import im.receipt.store.ReadCount;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReceiptNotifierTest {
    private final List<Map.Entry<Long, ReceiptNotify>> sent = new ArrayList<>();

    private ReceiptNotifier notifier(int maxPending) {
        // An interval far beyond the test: only explicit flushes send.
        return new ReceiptNotifier(frames -> frames.forEach(f -> sent.add(Map.entry(f.senderId(), f.body()))),
                3_600_000, maxPending, new SimpleMeterRegistry());
    }

    @Test
    void flush_shouldSendOneFramePerSender_withTheLatestCountOfEachMessage() {
        try (ReceiptNotifier n = notifier(100)) {
            n.offer(List.of(new ReadCount(1, 7, 1, 5), new ReadCount(2, 7, 1, 3)));
            n.offer(List.of(new ReadCount(1, 7, 3, 5), new ReadCount(1, 7, 2, 5), new ReadCount(9, 8, 1, 1)));
            n.flush();
        }

        assertThat(sent).hasSize(2);
        ReceiptNotify toSeven = sent.stream().filter(e -> e.getKey() == 7).findFirst().orElseThrow().getValue();
        assertThat(toSeven.getCountsList()).extracting(ReceiptCount::getMsgId, ReceiptCount::getReadCount,
                        ReceiptCount::getUnreadCount)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1L, 3, 2),
                        org.assertj.core.groups.Tuple.tuple(2L, 1, 2));
    }

    @Test
    void flush_shouldSendNothing_whenNothingChangedSinceTheLastFlush() {
        try (ReceiptNotifier n = notifier(100)) {
            n.offer(List.of(new ReadCount(1, 7, 1, 5)));
            n.flush();
            n.flush();
        }

        assertThat(sent).hasSize(1);
    }

    @Test
    void flush_shouldSplitFrames_pastTheCountsPerFrame() {
        try (ReceiptNotifier n = notifier(10_000)) {
            n.offer(IntStream.range(0, ReceiptNotifier.COUNTS_PER_FRAME + 1)
                    .mapToObj(i -> new ReadCount(100 + i, 7, 1, 2)).toList());
            n.flush();
        }

        assertThat(sent).hasSize(2);
        assertThat(sent.stream().mapToInt(e -> e.getValue().getCountsCount()).sum())
                .isEqualTo(ReceiptNotifier.COUNTS_PER_FRAME + 1);
    }

    @Test
    void offer_shouldDropNewMessages_whenTooManyWait() {
        try (ReceiptNotifier n = notifier(2)) {
            n.offer(List.of(new ReadCount(1, 7, 1, 5), new ReadCount(2, 7, 1, 5), new ReadCount(3, 7, 1, 5),
                    new ReadCount(1, 7, 2, 5)));
            n.flush();
        }

        assertThat(sent.get(0).getValue().getCountsList()).extracting(ReceiptCount::getMsgId)
                .containsExactlyInAnyOrder(1L, 2L);
    }
}
