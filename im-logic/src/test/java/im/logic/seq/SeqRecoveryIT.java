package im.logic.seq;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.message.MessageEntry;
import im.logic.support.LogicNode;
import im.logic.support.TestOrg;
import im.logic.support.Users;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RedissonClient;

@ExtendWith(StackExtension.class)
class SeqRecoveryIT {
    private static final TestOrg ORG = new TestOrg(11);
    private static LogicNode node;
    private static RedissonClient redis;

    @BeforeAll
    static void start(Stack stack) throws Exception {
        // Gaps after a Redis loss are permanent: show them at once instead of after the grace period.
        node = new LogicNode(stack, "seq-it", ORG, Map.of("sync.gap-grace.ms", "0", "seq.step", "100"));
        redis = stack.redisson();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void next_shouldResumeAboveTheSectionEnd_whenTheRedisKeysAreLost() throws Exception {
        long user = Users.fresh(1).get(0);
        SeqAllocator seqs = node.core().seqs();
        List<Long> before = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            before.add(seqs.next(user));
        }

        deleteKeys(user);
        long after = seqs.next(user);

        assertThat(before).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 150).boxed().toList());
        // Seq 101 persisted the section end 200; recovery persists 300 and resumes there.
        assertThat(after).isEqualTo(301);
        assertThat(redis.getBucket(SeqAllocator.counterKey(user), org.redisson.client.codec.StringCodec.INSTANCE)
                .get()).isEqualTo("301");
    }

    @Test
    void sends_shouldNeverReuseASeq_whenKeysAreFlushedWhileSending() throws Exception {
        List<Long> u = Users.fresh(3);
        ORG.users(u);
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Long> sent = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            long from = u.get(t);
            senders.add(pool.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    sent.add(Users.text(node.api(), ORG, from, 1, u.get(2), "m" + i).msgId());
                }
                return null;
            }));
        }
        Future<?> flusher = pool.submit(() -> {
            while (sending.get()) {
                u.forEach(SeqRecoveryIT::deleteKeys);
                Thread.sleep(15);
            }
            return null;
        });
        for (Future<?> f : senders) {
            f.get(120, TimeUnit.SECONDS); // a reused seq would fail a send with a duplicate key
        }
        sending.set(false);
        flusher.get(10, TimeUnit.SECONDS);
        pool.shutdown();

        List<MessageEntry> stream = Users.syncAll(node.api(), ORG, u.get(2), 0, 100);
        assertThat(stream).extracting(MessageEntry::msgId).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(stream).extracting(MessageEntry::seq).isSorted().doesNotHaveDuplicates();
        Set<Long> senderSeqs = new HashSet<>();
        for (MessageEntry e : Users.syncAll(node.api(), ORG, u.get(0), 0, 100)) {
            assertThat(senderSeqs.add(e.seq())).isTrue();
        }
        assertThat(senderSeqs).hasSize(40);
    }

    private static void deleteKeys(long user) {
        redis.getKeys().delete(SeqAllocator.counterKey(user), SeqAllocator.endKey(user));
    }
}
