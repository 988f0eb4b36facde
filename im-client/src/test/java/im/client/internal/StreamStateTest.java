package im.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.protocol.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamStateTest {

    private static Message entry(long seq, long msgId) {
        return Message.newBuilder().setSeq(seq).setMsgId(msgId).build();
    }

    @Test
    void push_shouldDeliverContinuingEntries_andSkipRetriedOnes() {
        StreamState s = new StreamState(10, 100);
        StreamState.Accepted a = s.offerPushed(List.of(entry(12, 102), entry(11, 101)));
        assertThat(a.deliver()).extracting(Message::getSeq).containsExactly(11L, 12L);
        assertThat(a.gap()).isFalse();

        StreamState.Accepted again = s.offerPushed(List.of(entry(12, 102)));
        assertThat(again.deliver()).isEmpty();
        assertThat(s.maxSeq()).isEqualTo(12);
    }

    @Test
    void push_shouldReportAGap_andHoldBackWhatComesAfterIt() {
        StreamState s = new StreamState(10, 100);
        StreamState.Accepted a = s.offerPushed(List.of(entry(11, 101), entry(13, 103)));
        assertThat(a.deliver()).extracting(Message::getSeq).containsExactly(11L);
        assertThat(a.gap()).isTrue();
        assertThat(s.maxSeq()).isEqualTo(11);

        List<Message> synced = s.offerSynced(List.of(entry(11, 101), entry(12, 102), entry(13, 103)));
        assertThat(synced).extracting(Message::getSeq).containsExactly(12L, 13L);
    }

    @Test
    void sync_shouldNotRedeliver_anEntryAlreadyDeliveredOrSentByThisDevice() {
        StreamState s = new StreamState(0, 100);
        s.ownCopy(1, 501);
        assertThat(s.maxSeq()).isEqualTo(1);
        // after a seq-store failover the same message may come back under a higher seq: msg_id decides
        assertThat(s.offerSynced(List.of(entry(5, 501), entry(6, 502)))).extracting(Message::getMsgId)
                .containsExactly(502L);
        assertThat(s.maxSeq()).isEqualTo(6);
    }
}
