package im.logic.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageEntry;
import im.api.message.SendBatch;
import im.api.message.SessionCaller;
import im.api.protocol.ConvType;
import im.api.protocol.SendReq;
import im.api.protocol.SendResp;
import im.logic.support.LogicNode;
import im.logic.support.TestOrg;
import im.logic.support.Users;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code MessageService.sendBatch}, the gateway's path for SEND frames: every item is answered as its
 * own send would be (stored, deduplicated or refused with its code), in the batch's order, and the
 * stored ones keep the batch's order in the streams.
 */
@ExtendWith(StackExtension.class)
class SendBatchIT {
    private static final TestOrg ORG = new TestOrg(13);
    private static LogicNode node;

    @BeforeAll
    static void start(Stack s) throws Exception {
        // about answers, not shedding: a cold node's first batch may take longer than lane.max-queue.ms
        node = new LogicNode(s, "send-batch", ORG, Map.of("lane.max-queue.ms", "20000"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void batch_shouldAnswerEveryItemAsItsOwnSend_inOrder() throws Exception {
        List<Long> u = Users.fresh(3);
        ORG.users(u.subList(0, 2)); // u2 is no user of the tenant
        long a = u.get(0);
        long b = u.get(1);
        List<SessionCaller> callers = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // a -> b five times, then a resend of the first
            callers.add(Users.caller(ORG, a));
            bodies.add(text("c-" + i, b, "m" + i));
        }
        callers.add(Users.caller(ORG, a));
        bodies.add(text("c-0", b, "m0"));
        callers.add(Users.caller(ORG, a));
        bodies.add(text("c-x", u.get(2), "to nobody"));
        callers.add(Users.caller(ORG, b));
        bodies.add(new byte[] {0x0a, 0x7f}); // not a SendReq
        callers.add(Users.caller(ORG, b));
        bodies.add(text("c-self", b, "to myself"));

        byte[][] answers = node.core().endpoint().sendBatch(SendBatch.of(SendBatch.routeOf(a, 1, b), callers, bodies))
                .get(30, TimeUnit.SECONDS);

        assertThat(answers.length).isEqualTo(9);
        List<SendResp> r = new ArrayList<>();
        for (byte[] answer : answers) {
            r.add(SendResp.parseFrom(answer));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(r.get(i).getCode()).as("item %d: %s", i, r.get(i).getMessage()).isZero();
            assertThat(r.get(i).getClientMsgId()).isEqualTo("c-" + i);
            assertThat(r.get(i).getSeq()).isEqualTo(i + 1);
        }
        // a resend while the original is in flight answers the original, or BUSY (resend later), never a copy
        if (r.get(5).getCode() == 0) {
            assertThat(r.get(5).getMsgId()).as("the resend answers the original").isEqualTo(r.get(0).getMsgId());
        } else {
            assertThat(r.get(5).getCode()).isEqualTo(ErrorCode.BUSY.code());
        }
        assertThat(r.get(6).getCode()).isEqualTo(ErrorCode.NOT_FOUND.code());
        assertThat(r.get(6).getClientMsgId()).isEqualTo("c-x");
        assertThat(r.get(7).getCode()).isEqualTo(ErrorCode.BAD_REQUEST.code());
        assertThat(r.get(8).getCode()).isEqualTo(ErrorCode.BAD_REQUEST.code());
        assertThat(r.get(8).getMessage()).isEqualTo("a message to oneself");

        List<Long> stream = Users.syncAll(node.api(), ORG, b, 0, 100).stream().map(MessageEntry::msgId).toList();
        assertThat(stream).containsExactly(r.get(0).getMsgId(), r.get(1).getMsgId(), r.get(2).getMsgId(),
                r.get(3).getMsgId(), r.get(4).getMsgId());
    }

    @Test
    void malformedBatch_shouldBeRefusedWhole() {
        SendBatch unequal = new SendBatch(0, new long[] {ORG.tenantId()}, new long[] {1, 2}, new String[] {"d"},
                new int[] {1}, new long[] {0}, new byte[][] {new byte[0]});

        assertThatThrownBy(() -> node.core().endpoint().sendBatch(unequal)).isInstanceOf(ImException.class)
                .extracting(e -> ((ImException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThatThrownBy(() -> node.core().endpoint().sendBatch(null)).isInstanceOf(ImException.class);
    }

    private static byte[] text(String clientMsgId, long to, String text) {
        return SendReq.newBuilder().setClientMsgId(clientMsgId).setConvType(ConvType.SINGLE).setToId(to)
                .setContentTypeValue(1).setText(text).build().toByteArray();
    }
}
