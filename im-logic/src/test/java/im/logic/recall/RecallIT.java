package im.logic.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageEntry;
import im.api.message.SendResult;
import im.logic.support.LogicNode;
import im.logic.support.TestOrg;
import im.logic.support.Users;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StackExtension.class)
class RecallIT {
    private final TestOrg org = new TestOrg(13);
    private LogicNode node;
    private List<Long> u;
    private long group;

    @BeforeEach
    void start(Stack stack) throws Exception {
        node = new LogicNode(stack, "recall-it", org, Map.of());
        u = Users.fresh(4);
        group = u.get(3) + 1_000_000;
        org.group(group, u.subList(0, 3)).privileged(u.get(2));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void recall_shouldMarkTheOriginalAndAppendRecallEntries_whenInsideTheWindow() throws Exception {
        SendResult sent = Users.text(node.api(), org, u.get(0), 2, group, "oops");
        node.advanceClock(Duration.ofHours(23).toMillis());

        node.api().recall(Users.caller(org, u.get(0)), sent.msgId());
        node.api().recall(Users.caller(org, u.get(0)), sent.msgId()); // twice: nothing more

        for (long member : u.subList(0, 3)) {
            List<MessageEntry> stream = Users.syncAll(node.api(), org, member, 0, 10);
            assertThat(stream).hasSize(2);
            MessageEntry original = stream.get(0);
            MessageEntry recall = stream.get(1);
            assertThat(original.msgId()).isEqualTo(sent.msgId());
            assertThat(original.recalled()).isTrue();
            assertThat(original.text()).isEmpty();
            assertThat(original.payload()).isEmpty();
            assertThat(recall.kind()).isEqualTo(MessageEntry.KIND_RECALL);
            assertThat(recall.refMsgId()).isEqualTo(sent.msgId());
            assertThat(recall.seq()).isGreaterThan(original.seq());
        }
    }

    @Test
    void recall_shouldBeRefused_whenOutsideTheWindow_orNotTheSender_unlessPrivileged() throws Exception {
        SendResult sent = Users.text(node.api(), org, u.get(0), 2, group, "old news");

        assertCode(() -> node.api().recall(Users.caller(org, u.get(1)), sent.msgId()), ErrorCode.FORBIDDEN);
        node.advanceClock(Duration.ofHours(24).plusSeconds(1).toMillis());
        assertCode(() -> node.api().recall(Users.caller(org, u.get(0)), sent.msgId()),
                ErrorCode.RECALL_WINDOW_EXPIRED);
        assertThat(Users.syncAll(node.api(), org, u.get(1), 0, 10)).singleElement()
                .satisfies(e -> assertThat(e.recalled()).isFalse());

        node.api().recall(Users.caller(org, u.get(2)), sent.msgId()); // a group admin: any time

        assertThat(Users.syncAll(node.api(), org, u.get(1), 0, 10)).extracting(MessageEntry::kind)
                .containsExactly(MessageEntry.KIND_NORMAL, MessageEntry.KIND_RECALL);
        assertCode(() -> node.api().recall(new im.api.message.SessionCaller(99, u.get(0), "d", 1, 0), sent.msgId()),
                ErrorCode.NOT_FOUND);
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
