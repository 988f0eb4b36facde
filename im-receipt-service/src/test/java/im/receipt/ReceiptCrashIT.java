package im.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.message.MessageReadEvent;
import im.api.message.MessageSentEvent;
import im.receipt.store.ReceiptRecord;
import im.receipt.store.ReceiptStore;
import im.receipt.support.Await;
import im.receipt.support.ReceiptTopics;
import im.testkit.ServiceProcess;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service jar as its own process, killed with SIGKILL while it absorbs a stream of reads: the
 * next process of the same consumer group gets every unacknowledged burst again and the message ends
 * with exactly its readers, none lost, none invented.
 */
@ExtendWith(StackExtension.class)
class ReceiptCrashIT {
    private static final int RECIPIENTS = 3000;

    @Test
    void reads_shouldAllArrive_whenTheServiceIsKilledMidStream(Stack stack) throws Exception {
        long base = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52);
        long tenant = base + 1;
        long sender = base;
        long group = base + 2;
        long msgId = base * 2;
        List<Long> recipients = LongStream.range(base + 10, base + 10 + RECIPIENTS).boxed().toList();
        ReceiptStore store = new ReceiptStore(stack.sharded("receipt"), stack.shards("receipt"), 100_000);

        try (ReceiptTopics topics = new ReceiptTopics(stack)) {
            Map<String, String> env = Map.of(
                    "IM_RECEIPT_TOPIC_SENT", topics.sentTopic(),
                    "IM_RECEIPT_TOPIC_READ", topics.readTopic(),
                    "IM_RECEIPT_CONSUMER_GROUP_SENT", topics.group("sent"),
                    "IM_RECEIPT_CONSUMER_GROUP_READ", topics.group("read"),
                    // small bursts: many commits, so the kill falls between two of them
                    "IM_RECEIPT_READ_BURST", "8",
                    "IM_DUBBO_REGISTRY_GROUP", "receipt-crash-it-" + topics.run());
            ServiceProcess first = ServiceProcess.start(stack.repoRoot(), "im-receipt-service",
                    "im-receipt-crash-a-" + topics.run(), env).awaitHealthy(Duration.ofMinutes(2));
            int readAtKill;
            try {
                topics.sendSent(new MessageSentEvent(msgId, tenant, 2, group, sender, 1L, 1, "m", true, recipients,
                        List.of()));
                Await.until(() -> find(store, msgId).isPresent());
                assertThat(find(store, msgId)).isPresent();
                // Published from another thread, so the kill falls while reads still stream in.
                CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                    try {
                        for (long reader : recipients) {
                            topics.sendRead(new MessageReadEvent(tenant, reader, 2, group, 5, 2L, List.of(msgId)));
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Await.until(() -> readCount(store, msgId) > 0);
                first.kill();
                readAtKill = readCount(store, msgId);
                publishing.join();
            } finally {
                first.close();
            }
            assertThat(readAtKill).isBetween(1, RECIPIENTS - 1);

            try (ServiceProcess second = ServiceProcess.start(stack.repoRoot(), "im-receipt-service",
                    "im-receipt-crash-b-" + topics.run(), env).awaitHealthy(Duration.ofMinutes(2))) {
                Await.until(() -> readCount(store, msgId) == RECIPIENTS);
                ReceiptRecord r = find(store, msgId).orElseThrow();
                assertThat(r.reads().count()).isEqualTo(RECIPIENTS);
                assertThat(r.recipients()).containsExactly(recipients.stream().mapToLong(Long::longValue).toArray());
                assertThat(second.isAlive()).isTrue();
            }
        }
    }

    private static Optional<ReceiptRecord> find(ReceiptStore store, long msgId) {
        try {
            return store.find(msgId);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static int readCount(ReceiptStore store, long msgId) {
        return find(store, msgId).map(r -> r.reads().count()).orElse(0);
    }
}
