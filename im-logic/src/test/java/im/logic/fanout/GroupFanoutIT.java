package im.logic.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.message.MessageEntry;
import im.logic.support.LogicNode;
import im.logic.support.TestOrg;
import im.logic.support.Users;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StackExtension.class)
class GroupFanoutIT {

    @Test
    void groupMessage_shouldReachEveryMembersStreamExactlyOnce_inATenThousandMemberGroup(Stack stack) throws Exception {
        TestOrg org = new TestOrg(19);
        List<Long> members = Users.fresh(10_000);
        long group = members.get(0) - 1;
        org.group(group, members);
        try (LogicNode node = new LogicNode(stack, "group-it", org, Map.of())) {
            long first = Users.text(node.api(), org, members.get(0), 2, group, "to everyone").msgId();
            long second = Users.text(node.api(), org, members.get(9_999), 2, group, "and again").msgId();

            Map<Long, List<Long>> firstRows = awaitRows(stack.sharded("msg"), members, first);
            Map<Long, List<Long>> secondRows = awaitRows(stack.sharded("msg"), members, second);

            assertThat(firstRows.keySet()).containsExactlyInAnyOrderElementsOf(members);
            assertThat(firstRows.values()).allSatisfy(seqs -> assertThat(seqs).hasSize(1));
            assertThat(secondRows.keySet()).containsExactlyInAnyOrderElementsOf(members);
            assertThat(secondRows.values()).allSatisfy(seqs -> assertThat(seqs).hasSize(1));
            for (long member : members) {
                assertThat(firstRows.get(member).get(0)).isLessThan(secondRows.get(member).get(0));
            }
            List<MessageEntry> last = Users.syncAll(node.api(), org, members.get(5_000), 0, 10);
            assertThat(last).extracting(MessageEntry::msgId).containsExactly(first, second);
        }
    }

    @Test
    void twoNodes_shouldKeepOneOrderPerConversation_whenSendingToOneGroupAndOneChatAtOnce(Stack stack)
            throws Exception {
        TestOrg org = new TestOrg(23);
        List<Long> members = Users.fresh(30);
        long group = members.get(0) - 1;
        org.group(group, members);
        try (LogicNode a = new LogicNode(stack, "order-a", org, Map.of());
             LogicNode b = new LogicNode(stack, "order-b", org, Map.of())) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> work = new ArrayList<>();
            List<Long> sent = Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 4; t++) {
                LogicNode node = t % 2 == 0 ? a : b;
                long sender = members.get(t);
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        sent.add(Users.text(node.api(), org, sender, 2, group, "g" + i).msgId());
                        // members 0 and 1 also talk 1:1, from both nodes
                        if (sender == members.get(0) || sender == members.get(1)) {
                            Users.text(node.api(), org, sender, 1, sender == members.get(0) ? members.get(1)
                                    : members.get(0), "s" + i);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(180, TimeUnit.SECONDS);
            }
            pool.shutdown();

            List<Long> reference = null;
            Map<Long, List<Long>> singleChat = new HashMap<>();
            for (long member : members) {
                List<MessageEntry> stream = Users.syncAll(a.api(), org, member, 0, 500);
                List<Long> groupOrder = stream.stream().filter(e -> e.convType() == 2).map(MessageEntry::msgId)
                        .toList();
                assertThat(groupOrder).containsExactlyInAnyOrderElementsOf(sent);
                if (reference == null) {
                    reference = groupOrder;
                }
                assertThat(groupOrder).as("group order seen by member %d", member).isEqualTo(reference);
                if (member == members.get(0) || member == members.get(1)) {
                    singleChat.put(member, stream.stream().filter(e -> e.convType() == 1).map(MessageEntry::msgId)
                            .toList());
                }
            }
            assertThat(singleChat.get(members.get(0))).hasSize(30).isEqualTo(singleChat.get(members.get(1)));
        }
    }

    /** Every member's seqs of {@code msgId}, once the fan-out is complete (a big one may outlast the answer). */
    private static Map<Long, List<Long>> awaitRows(DataSource db, List<Long> members, long msgId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            Map<Long, List<Long>> rows = rows(db, members, msgId);
            if (rows.size() == members.size() || System.nanoTime() > deadline) {
                return rows;
            }
            Thread.sleep(200);
        }
    }

    private static Map<Long, List<Long>> rows(DataSource db, List<Long> members, long msgId) throws Exception {
        Map<Long, List<Long>> out = new HashMap<>();
        try (Connection c = db.getConnection()) {
            for (int from = 0; from < members.size(); from += 1000) {
                List<Long> chunk = members.subList(from, Math.min(members.size(), from + 1000));
                try (PreparedStatement ps = c.prepareStatement("SELECT user_id, seq FROM user_timeline WHERE user_id IN ("
                        + "?,".repeat(chunk.size() - 1) + "?) AND msg_id = ? AND kind = 0")) {
                    int p = 1;
                    for (Long id : chunk) {
                        ps.setLong(p++, id);
                    }
                    ps.setLong(p, msgId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                        }
                    }
                }
            }
        }
        return out;
    }
}
