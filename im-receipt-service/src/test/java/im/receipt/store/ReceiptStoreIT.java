package im.receipt.store;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.message.MessageSentEvent;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store against the real, sharded receipt database, without RocketMQ in between. */
@ExtendWith(StackExtension.class)
class ReceiptStoreIT {
    private final long base = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52);

    @Test
    void record_shouldFoldInMarks_thatArrivedBeforeTheMessage(Stack stack) throws Exception {
        ReceiptStore store = new ReceiptStore(stack.sharded("receipt"), stack.shards("receipt"), 100_000);
        long msgId = base;
        List<Long> recipients = List.of(base + 1, base + 2, base + 3);

        List<ReadCount> early = store.applyReads(Map.of(msgId, Map.of(base + 2, 5L, base + 9, 5L)), 1);
        List<ReadCount> folded = store.record(List.of(sent(msgId, recipients)), 2);

        assertThat(early).isEmpty();
        assertThat(folded).containsExactly(new ReadCount(msgId, base, 1, 3));
        ReceiptRecord r = store.find(msgId).orElseThrow();
        assertThat(r.reads().isSet(1)).isTrue();
        assertThat(r.reads().count()).isEqualTo(1);
        // Recording again (a redelivered sent event) keeps the reads.
        store.record(List.of(sent(msgId, recipients)), 3);
        assertThat(store.find(msgId).orElseThrow().reads().count()).isEqualTo(1);
    }

    @Test
    void applyReads_shouldLoseNoMark_whenManyWritersHitOneMessageAtOnce(Stack stack) throws Exception {
        ReceiptStore store = new ReceiptStore(stack.sharded("receipt"), stack.shards("receipt"), 100_000);
        long msgId = base + 100;
        List<Long> recipients = LongStream.range(base + 1000, base + 3000).boxed().toList();
        store.record(List.of(sent(msgId, recipients)), 1);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int from = writer * 500; from < writer * 500 + 500; from += 25) {
                        Map<Long, Long> readers = new HashMap<>();
                        for (int i = from; i < from + 25; i++) {
                            readers.put(recipients.get(i), 1L);
                            readers.put(recipients.get((i + 700) % recipients.size()), 1L); // overlaps others
                        }
                        store.applyReads(Map.of(msgId, readers), 2);
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        ReceiptRecord r = store.find(msgId).orElseThrow();
        assertThat(r.reads().count()).isEqualTo(recipients.size());
    }

    private MessageSentEvent sent(long msgId, List<Long> recipients) {
        return new MessageSentEvent(msgId, 77, 2, base + 5, base, 1, 1, "", true, recipients, List.of());
    }
}
