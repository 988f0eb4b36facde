package im.logic.unread;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.message.ConversationList;
import im.api.message.ConversationView;
import im.api.message.MessageEntry;
import im.api.message.ReadResult;
import im.logic.support.LogicNode;
import im.logic.support.TestOrg;
import im.logic.support.Users;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Property: after any interleaving of concurrent sends and reads, once the node is idle every
 * conversation's unread equals the entries from others after the read seq in the user's stream, and
 * the total is their sum (counts may lag, never drift). Every read answers a non-negative count.
 * Seeded, so the operation sequence replays; run with immediate increments and with merged ones.
 */
@ExtendWith(StackExtension.class)
class UnreadPropertyIT {
    private static final int USERS = 5;
    private static final int THREADS = 4;
    private static final int OPS_PER_THREAD = 60;

    @ParameterizedTest(name = "seed {0}, merged from {1} members")
    @CsvSource({"1, 100", "2, 100", "3, 2", "4, 2"})
    void unread_shouldEqualTheTrulyUnreadEntries_afterConcurrentSendsAndReads(long seed, int mergeFrom, Stack stack)
            throws Exception {
        TestOrg org = new TestOrg(17);
        List<Long> u = Users.fresh(USERS + 1);
        long group = u.get(USERS);
        org.group(group, u.subList(0, USERS));
        try (LogicNode node = new LogicNode(stack, "unread-it-" + seed, org,
                Map.of("unread.merge.min-members", Integer.toString(mergeFrom), "unread.merge.max-delay.ms", "50",
                        "sync.gap-grace.ms", "0"))) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(seed * 31 + t);
                work.add(pool.submit(() -> {
                    for (int i = 0; i < OPS_PER_THREAD; i++) {
                        randomOperation(node, org, u, group, random);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(180, TimeUnit.SECONDS);
            }
            pool.shutdown();
            // Counts may lag (a send answered "queued", merged increments) but never drift: once the
            // node is idle they must equal the stream exactly. Re-check until then, fail after 60 s.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                node.core().flushUnread();
                try {
                    assertUnreadMatchesStreams(node, org, u, seed);
                    return;
                } catch (AssertionError mismatch) {
                    if (System.nanoTime() > deadline) {
                        throw mismatch;
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    private static void assertUnreadMatchesStreams(LogicNode node, TestOrg org, List<Long> u, long seed)
            throws Exception {
        for (long user : u.subList(0, USERS)) {
            List<MessageEntry> stream = Users.syncAll(node.api(), org, user, 0, 500);
            ConversationList list = node.api().conversations(Users.caller(org, user), 100);
            int total = 0;
            for (ConversationView conv : list.conversations()) {
                long trulyUnread = stream.stream().filter(e -> e.convType() == conv.convType()
                        && e.convId() == conv.convId() && e.kind() == MessageEntry.KIND_NORMAL
                        && e.fromUserId() != user && e.seq() > conv.readSeq()).count();
                assertThat(conv.unread()).as("seed %d user %d conv %d:%d readSeq %d entries from others %s", seed,
                        user, conv.convType(), conv.convId(), conv.readSeq(), stream.stream()
                                .filter(e -> e.convType() == conv.convType() && e.convId() == conv.convId()
                                        && e.fromUserId() != user).map(MessageEntry::seq).toList())
                        .isEqualTo((int) trulyUnread);
                total += conv.unread();
            }
            assertThat(list.totalUnread()).as("seed %d total of user %d", seed, user).isEqualTo(total);
        }
    }

    /** Sends (single or group) or reads up to a random entry of a random conversation. */
    private static void randomOperation(LogicNode node, TestOrg org, List<Long> u, long group, Random random)
            throws Exception {
        long user = u.get(random.nextInt(USERS));
        if (random.nextInt(3) > 0) {
            if (random.nextBoolean()) {
                Users.text(node.api(), org, user, 2, group, "g");
            } else {
                long peer = u.get((u.indexOf(user) + 1 + random.nextInt(USERS - 1)) % USERS);
                Users.text(node.api(), org, user, 1, peer, "s");
            }
            return;
        }
        List<MessageEntry> stream = node.api().sync(Users.caller(org, user), 0, 500).messages();
        if (stream.isEmpty()) {
            return;
        }
        MessageEntry upTo = stream.get(random.nextInt(stream.size()));
        ReadResult r = node.api().read(Users.caller(org, user), upTo.convType(), upTo.convId(), upTo.seq());
        assertThat(r.unread()).isNotNegative();
        assertThat(r.totalUnread()).isGreaterThanOrEqualTo(r.unread());
    }

}
