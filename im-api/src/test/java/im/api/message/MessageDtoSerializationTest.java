package im.api.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageDtoSerializationTest {

    @Test
    void sessionCaller_shouldSurviveHessian2RoundTrip() throws IOException {
        SessionCaller caller = new SessionCaller(7L, 1001L, "desk-1", 1, 42L);

        assertThat(roundTrip(caller)).isEqualTo(caller);
    }

    @Test
    void sendRequest_shouldSurviveHessian2RoundTrip_withPayloadAndMentions() throws IOException {
        SendRequest request = new SendRequest("c-1", 2, 77L, 1, "hello 你好", "{\"k\":1}".getBytes(StandardCharsets.UTF_8),
                true, List.of(1L, 2L));

        // byte[] components compare by identity in a record's equals: compare field by field instead.
        assertThat(roundTrip(request)).usingRecursiveComparison().isEqualTo(request);
    }

    @Test
    void sendResult_shouldSurviveHessian2RoundTrip() throws IOException {
        SendResult result = new SendResult(1L << 62, 42L, 1_700_000_000_000L, "c-1");

        assertThat(roundTrip(result)).isEqualTo(result);
    }

    @Test
    void syncResult_shouldSurviveHessian2RoundTrip_withEveryEntryKind() throws IOException {
        SyncResult result = new SyncResult(List.of(entry(1, 0, false), entry(2, 1, false), entry(3, 0, true)),
                true, 99L);

        assertThat(roundTrip(result)).usingRecursiveComparison().isEqualTo(result);
    }

    @Test
    void readResult_shouldSurviveHessian2RoundTrip() throws IOException {
        ReadResult result = new ReadResult(1, 5L, 17L, 0, 3);

        assertThat(roundTrip(result)).isEqualTo(result);
    }

    @Test
    void conversationList_shouldSurviveHessian2RoundTrip_withAndWithoutLastMessage() throws IOException {
        ConversationList list = new ConversationList(List.of(
                new ConversationView(1, 5L, entry(10, 0, false), 2, 8L, 1_700_000_000_001L),
                new ConversationView(2, 6L, null, 0, 0L, 1_700_000_000_000L)), 2);

        assertThat(roundTrip(list)).usingRecursiveComparison().isEqualTo(list);
    }

    @Test
    void events_shouldSurviveHessian2RoundTrip() throws IOException {
        MessageSentEvent sent = new MessageSentEvent(1L, 2L, 2, 3L, 4L, 5L, 1, "hi", true, List.of(6L, 7L),
                List.of(7L));
        MessageRecalledEvent recalled = new MessageRecalledEvent(1L, 2L, 2, 3L, 4L, 5L);
        MessageReadEvent read = new MessageReadEvent(2L, 4L, 1, 6L, 9L, 10L, List.of(11L, 12L));

        assertThat(roundTrip(sent)).isEqualTo(sent);
        assertThat(roundTrip(recalled)).isEqualTo(recalled);
        assertThat(roundTrip(read)).isEqualTo(read);
    }

    private static MessageEntry entry(long seq, int kind, boolean recalled) {
        return new MessageEntry(1000L + seq, seq, 2, 77L, 1001L, 1_700_000_000_000L + seq, 1,
                recalled ? "" : "text " + seq, recalled ? new byte[0] : new byte[] {1, 2, (byte) seq}, "c-" + seq,
                kind, kind == 1 ? 999L : 0L, seq % 2 == 0, List.of(1002L), recalled);
    }

    private static Object roundTrip(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Hessian2Output out = new Hessian2Output(bytes);
        out.writeObject(value);
        out.flush();
        return new Hessian2Input(new ByteArrayInputStream(bytes.toByteArray())).readObject();
    }
}
