package im.logic.lane;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageEntry;
import im.api.message.SendRequest;
import im.api.message.SendResult;
import im.api.message.SessionCaller;
import im.logic.support.LogicNode;
import im.logic.support.TestOrg;
import im.logic.support.Users;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The batched send path under concurrency, on two nodes sharing the real MariaDB and Redis: thousands
 * of sends in flight at once over hundreds of conversations, each node's lanes batching them and the
 * conversation locks keeping the nodes apart. Every answered message must be in every member's stream
 * exactly once, and every conversation in one and the same order for all its members.
 */
@ExtendWith(StackExtension.class)
class SendLanesIT {
    private static final TestOrg ORG = new TestOrg(11);
    private static LogicNode a;
    private static LogicNode b;

    @BeforeAll
    static void start(Stack s) throws Exception {
        // small batches and queues on purpose: more batches, more lock conflicts between the nodes; every
        // send is answered before the streams are read, so a gap there is permanent (a batch written again
        // with new seqs after a failed attempt) and must not end a sync page
        Map<String, String> config = Map.of("lane.count", "4", "lane.batch.max", "64", "lane.max-wait.ms", "20000",
                "lane.max-queue.ms", "20000", "sync.gap-grace.ms", "0");
        a = new LogicNode(s, "lanes-a", ORG, config);
        b = new LogicNode(s, "lanes-b", ORG, config);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private record Conv(int type, long id, List<Long> members) {
    }

    @Test
    void concurrentSends_shouldLandInEveryStreamOnce_inOneOrderPerConversation() throws Exception {
        List<Long> users = Users.fresh(120);
        ORG.users(users);
        List<Conv> convs = new ArrayList<>();
        for (int i = 0; i + 1 < 100; i += 2) {
            convs.add(new Conv(1, 0, List.of(users.get(i), users.get(i + 1))));
        }
        Random random = new Random(42);
        for (int g = 0; g < 20; g++) {
            long group = Users.fresh(1).get(0);
            List<Long> members = new ArrayList<>();
            for (int k = 0; k < 3 + random.nextInt(15); k++) {
                long u = users.get(random.nextInt(users.size()));
                if (!members.contains(u)) {
                    members.add(u);
                }
            }
            ORG.group(group, members);
            convs.add(new Conv(2, group, members));
        }

        List<CompletableFuture<SendResult>> answers = new ArrayList<>();
        List<Conv> sentTo = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Conv conv = convs.get(random.nextInt(convs.size()));
            int from = random.nextInt(conv.members().size());
            long sender = conv.members().get(from);
            long to = conv.type() == 1 ? conv.members().get(1 - from) : conv.id();
            LogicNode node = random.nextBoolean() ? a : b;
            answers.add(node.core().endpoint().send(Users.caller(ORG, sender), new SendRequest(
                    UUID.randomUUID().toString(), conv.type(), to, 1, "m" + i, new byte[0], false, List.of())));
            sentTo.add(conv);
        }

        Map<Conv, List<Long>> answered = new HashMap<>();
        int busy = 0;
        java.util.Set<String> reasons = new java.util.TreeSet<>();
        for (int i = 0; i < answers.size(); i++) {
            try {
                SendResult r = answers.get(i).get(60, TimeUnit.SECONDS);
                assertThat(r.seq()).isPositive();
                answered.computeIfAbsent(sentTo.get(i), c -> new ArrayList<>()).add(r.msgId());
            } catch (ExecutionException e) {
                // refused is allowed (and reported as such), a wrong answer is not
                assertThat(e.getCause()).isInstanceOf(ImException.class);
                assertThat(((ImException) e.getCause()).code()).isEqualTo(ErrorCode.BUSY);
                reasons.add(e.getCause().getMessage());
                busy++;
            }
        }
        // Refusals are allowed (BUSY only: a client resends them), wrong or lost answers are not.
        System.out.printf("SendLanesIT: %d of %d sends answered, %d refused BUSY %s%n", answers.size() - busy,
                answers.size(), busy, reasons);
        assertThat(answers.size() - busy).as("sends answered").isPositive();

        for (Conv conv : convs) {
            List<Long> expected = answered.getOrDefault(conv, List.of());
            List<Long> firstOrder = null;
            for (long member : conv.members()) {
                List<Long> order = new ArrayList<>();
                for (MessageEntry e : Users.syncAll(a.api(), ORG, member, 0, 500)) {
                    long convId = conv.type() == 1 ? conv.members().get(conv.members().get(0) == member ? 1 : 0)
                            : conv.id();
                    if (e.kind() == MessageEntry.KIND_NORMAL && e.convType() == conv.type() && e.convId() == convId) {
                        order.add(e.msgId());
                    }
                }
                assertThat(order).as("member %d of %s", member, conv).containsExactlyInAnyOrderElementsOf(expected);
                if (firstOrder == null) {
                    firstOrder = order;
                } else {
                    assertThat(order).as("order seen by member %d of %s", member, conv).isEqualTo(firstOrder);
                }
            }
        }
    }

    @Test
    void resendsInFlightAtOnce_shouldCreateOneMessage() throws Exception {
        List<Long> u = Users.fresh(2);
        ORG.users(u);
        SessionCaller caller = Users.caller(ORG, u.get(0));
        SendRequest request = new SendRequest("same-" + UUID.randomUUID(), 1, u.get(1), 1, "once", new byte[0],
                false, List.of());
        List<CompletableFuture<SendResult>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add((i % 2 == 0 ? a : b).core().endpoint().send(caller, request));
        }
        List<Long> ids = new ArrayList<>();
        for (CompletableFuture<SendResult> f : answers) {
            try {
                ids.add(f.get(30, TimeUnit.SECONDS).msgId());
            } catch (ExecutionException e) {
                assertThat(((ImException) e.getCause()).code()).isEqualTo(ErrorCode.BUSY);
            }
        }
        assertThat(ids).isNotEmpty();
        assertThat(ids.stream().distinct()).hasSize(1);
        assertThat(Users.syncAll(a.api(), ORG, u.get(1), 0, 100)).hasSize(1);
        assertThat(Users.syncAll(a.api(), ORG, u.get(0), 0, 100)).hasSize(1);
    }
}
