package im.api.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MessageEventCodecTest {

    @Test
    void sent_shouldDecodeToTheSameEvent_withTenThousandRecipients() {
        List<Long> recipients = LongStream.rangeClosed(1, 10_000).boxed().toList();
        MessageSentEvent event = new MessageSentEvent(1L << 60, 3L, 2, 88L, 1L, 1_700_000_000_000L, 1, "hello 你好 😀",
                false, recipients, List.of(5L, 6L));

        assertThat(MessageEventCodec.decodeSent(MessageEventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void recalledAndRead_shouldDecodeToTheSameEvents() {
        MessageRecalledEvent recalled = new MessageRecalledEvent(9L, 3L, 1, 2L, 1L, 5L);
        MessageReadEvent read = new MessageReadEvent(3L, 2L, 1, 1L, 44L, 6L, List.of(7L, 1L << 62));

        assertThat(MessageEventCodec.decodeRecalled(MessageEventCodec.encode(recalled))).isEqualTo(recalled);
        assertThat(MessageEventCodec.decodeRead(MessageEventCodec.encode(read))).isEqualTo(read);
    }

    @Test
    void decodeRead_shouldGiveNoReceiptIds_whenBodyPredatesThem() {
        byte[] withIds = MessageEventCodec.encode(new MessageReadEvent(3L, 2L, 1, 1L, 44L, 6L));
        byte[] old = Arrays.copyOf(withIds, withIds.length - 4); // without the id count

        assertThat(MessageEventCodec.decodeRead(old)).isEqualTo(new MessageReadEvent(3L, 2L, 1, 1L, 44L, 6L));
    }

    @Test
    void readEvent_shouldRefuse_whenItNamesTooManyIds() {
        List<Long> ids = LongStream.rangeClosed(1, MessageReadEvent.MAX_RECEIPT_IDS + 1).boxed().toList();

        assertThatThrownBy(() -> new MessageReadEvent(3L, 2L, 2, 1L, 44L, 6L, ids))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
    }

    @Test
    void decode_shouldRefuse_whenTypeDiffers() {
        byte[] read = MessageEventCodec.encode(new MessageReadEvent(3L, 2L, 1, 1L, 44L, 6L));

        assertThatThrownBy(() -> MessageEventCodec.decodeSent(read)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type");
    }

    @Test
    void decode_shouldRefuse_whenTruncatedOrTrailing() {
        byte[] body = MessageEventCodec.encode(new MessageRecalledEvent(9L, 3L, 1, 2L, 1L, 5L));
        byte[] longer = Arrays.copyOf(body, body.length + 1);

        assertThatThrownBy(() -> MessageEventCodec.decodeRecalled(Arrays.copyOf(body, body.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> MessageEventCodec.decodeRecalled(longer))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailing");
    }
}
