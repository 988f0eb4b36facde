package im.logic.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.ImException;
import im.logic.conversation.ConversationStore;
import im.logic.support.LogicNode;
import im.logic.support.TestOrg;
import im.logic.support.Users;
import im.logic.unread.UnreadCounter;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code READ} only for a conversation the reader is in (issue 19): a single chat the reader has a
 * stream of, a group the reader is a member of, as the send path's member source says. Anything
 * else is refused with FORBIDDEN (1003) before a conversation row, an unread entry or a read event
 * exists for it.
 */
@ExtendWith(StackExtension.class)
class ReadMembershipIT {

    @Test
    void read_shouldBeRefusedWith1003_andStoreNothing_whenTheReaderIsNotAMemberOfTheGroup(Stack stack)
            throws Exception {
        TestOrg org = new TestOrg(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50));
        List<Long> u = Users.fresh(4);
        long a = u.get(0);
        long b = u.get(1);
        long outsider = u.get(2);
        long group = u.get(3);
        org.group(group, List.of(a, b)).users(List.of(outsider));
        try (LogicNode node = new LogicNode(stack, "read-member-" + run(), org, Map.of())) {
            Users.text(node.api(), org, a, 2, group, "members only");

            assertThatThrownBy(() -> node.api().read(Users.caller(org, outsider), 2, group, 1_000))
                    .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));

            assertNothingStored(stack, node, outsider, 2, group);
            assertThat(node.api().read(Users.caller(org, b), 2, group, 1_000).readSeq()).isPositive();
        }
    }

    @Test
    void read_shouldBeRefusedWith1003_andStoreNothing_whenTheReaderHasNoSingleChatWithThePeer(Stack stack)
            throws Exception {
        TestOrg org = new TestOrg(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50));
        List<Long> u = Users.fresh(3);
        long a = u.get(0);
        long b = u.get(1);
        long stranger = u.get(2);
        org.users(u);
        try (LogicNode node = new LogicNode(stack, "read-single-" + run(), org, Map.of())) {
            Users.text(node.api(), org, a, 1, b, "between a and b");

            // a's peer in this chat is b: "a's chat with the stranger" does not exist, nor does the stranger's with a
            assertThatThrownBy(() -> node.api().read(Users.caller(org, stranger), 1, a, 1_000))
                    .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));

            assertNothingStored(stack, node, stranger, 1, a);
            assertThat(node.api().read(Users.caller(org, b), 1, a, 1_000).readSeq()).isPositive();
        }
    }

    private static void assertNothingStored(Stack stack, LogicNode node, long user, int convType, long convId)
            throws Exception {
        ConversationStore rows = new ConversationStore(stack.sharded("msg"), stack.layout("msg").tableCount());
        assertThat(rows.find(user, convType, convId)).as("conversation row").isEmpty();
        assertThat(node.core().unread().snapshot(user)).as("unread entries")
                .doesNotContainKey(UnreadCounter.key(convType, convId));
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
