package im.logic.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageEntry;
import im.api.message.SendRequest;
import im.api.message.SendResult;
import im.api.message.SyncResult;
import im.logic.support.LogicNode;
import im.logic.support.TestOrg;
import im.logic.support.Users;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StackExtension.class)
class SendAndSyncIT {
    private static final TestOrg ORG = new TestOrg(7);
    private static LogicNode node;
    private static Stack stack;

    @BeforeAll
    static void start(Stack s) throws Exception {
        stack = s;
        node = new LogicNode(s, "send-it", ORG, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void send_shouldPutOneEntryIntoBothStreams_withTheConversationSeenFromEachSide() throws Exception {
        List<Long> u = Users.fresh(2);
        ORG.users(u);

        SendResult sent = Users.text(node.api(), ORG, u.get(0), 1, u.get(1), "hello 你好");

        assertThat(sent.seq()).isEqualTo(1);
        MessageEntry mine = Users.syncAll(node.api(), ORG, u.get(0), 0, 10).get(0);
        MessageEntry theirs = Users.syncAll(node.api(), ORG, u.get(1), 0, 10).get(0);
        assertThat(mine.msgId()).isEqualTo(sent.msgId()).isEqualTo(theirs.msgId());
        assertThat(mine.convId()).isEqualTo(u.get(1));
        assertThat(theirs.convId()).isEqualTo(u.get(0));
        assertThat(theirs.text()).isEqualTo("hello 你好");
        assertThat(theirs.fromUserId()).isEqualTo(u.get(0));
        assertThat(theirs.needReceipt()).isTrue(); // always in single chats
    }

    @Test
    void resend_shouldCreateNothing_whenClientMsgIdRepeats() throws Exception {
        List<Long> u = Users.fresh(2);
        ORG.users(u);
        SendRequest request = new SendRequest("same-id", 1, u.get(1), 1, "once", new byte[0], false, List.of());

        SendResult first = node.api().send(Users.caller(ORG, u.get(0)), request);
        SendResult again = node.api().send(Users.caller(ORG, u.get(0)), request);

        assertThat(again).isEqualTo(first);
        assertThat(Users.syncAll(node.api(), ORG, u.get(1), 0, 10)).hasSize(1);
        assertThat(Users.syncAll(node.api(), ORG, u.get(0), 0, 10)).hasSize(1);
        assertThat(countMessagesWithClientId(u.get(0), "same-id")).isEqualTo(1);
    }

    @Test
    void offlineUser_shouldSyncEverythingInOrder_pageByPage() throws Exception {
        List<Long> u = Users.fresh(3);
        ORG.users(u);
        List<Long> sentIds = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            sentIds.add(Users.text(node.api(), ORG, u.get(i % 2), 1, u.get(2), "m" + i).msgId());
        }

        List<MessageEntry> synced = Users.syncAll(node.api(), ORG, u.get(2), 0, 10);
        SyncResult firstPage = node.api().sync(Users.caller(ORG, u.get(2)), 0, 10);

        assertThat(synced).extracting(MessageEntry::msgId).containsExactlyElementsOf(sentIds);
        assertThat(synced).extracting(MessageEntry::seq).isSorted().doesNotHaveDuplicates();
        assertThat(synced.get(44).seq()).isEqualTo(45); // no gaps in normal operation
        assertThat(firstPage.hasMore()).isTrue();
        assertThat(firstPage.maxSeq()).isEqualTo(45);
        assertThat(node.api().sync(Users.caller(ORG, u.get(2)), 45, 10).hasMore()).isFalse();
    }

    @Test
    void send_shouldBeRefused_whenInvalidOrNotAllowed() throws Exception {
        List<Long> u = Users.fresh(2);
        ORG.users(u.subList(0, 1));

        assertCode(() -> Users.text(node.api(), ORG, u.get(0), 1, u.get(1), "to a stranger"), ErrorCode.NOT_FOUND);
        assertCode(() -> Users.text(node.api(), ORG, u.get(0), 2, 424242L, "to no group"), ErrorCode.NOT_FOUND);
        assertCode(() -> Users.text(node.api(), ORG, u.get(0), 1, u.get(0), "to myself"), ErrorCode.BAD_REQUEST);
        assertCode(() -> Users.text(node.api(), ORG, u.get(0), 1, u.get(1), "x".repeat(8193)), ErrorCode.TOO_LARGE);
        assertCode(() -> node.api().send(Users.caller(ORG, u.get(0)), new SendRequest("", 1, u.get(1), 1, "x",
                new byte[0], false, List.of())), ErrorCode.BAD_REQUEST);
        assertCode(() -> node.api().sync(Users.caller(ORG, u.get(0)), 0, 501), ErrorCode.BAD_REQUEST);
        assertThat(Users.syncAll(node.api(), ORG, u.get(0), 0, 10)).isEmpty();
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static int countMessagesWithClientId(long sender, String clientMsgId) throws Exception {
        try (Connection c = stack.sharded("msg").getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT COUNT(*) FROM message WHERE from_user_id = ? AND client_msg_id = ?")) {
            ps.setLong(1, sender);
            ps.setString(2, clientMsgId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
