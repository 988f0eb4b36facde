package im.api.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class GroupEventCodecTest {

    @Test
    void decode_shouldReturnTheEncodedEvent_forEveryKind() {
        for (GroupEventKind kind : GroupEventKind.values()) {
            GroupEvent e = new GroupEvent(9L, 7L, 12L, kind, 42L, List.of(1L, -2L, Long.MAX_VALUE), 1_700_000_000_000L);

            assertThat(GroupEventCodec.decode(GroupEventCodec.encode(e))).isEqualTo(e);
        }
    }

    @Test
    void encode_shouldCarryTenThousandMembers() {
        List<Long> ids = LongStream.rangeClosed(1, GroupService.MAX_MEMBERS).boxed().toList();
        GroupEvent e = new GroupEvent(9L, 7L, 1L, GroupEventKind.CREATED, 1L, ids, 5L);

        byte[] body = GroupEventCodec.encode(e);

        assertThat(body.length).isLessThan(100_000);
        assertThat(GroupEventCodec.decode(body).userIds()).hasSize(GroupService.MAX_MEMBERS);
    }

    @Test
    void decode_shouldRefuse_whenTruncatedOrOfUnknownFormat() {
        byte[] body = GroupEventCodec.encode(new GroupEvent(9L, 7L, 1L, GroupEventKind.DISMISSED, 1L, List.of(1L), 5L));
        byte[] otherFormat = body.clone();
        otherFormat[0] = 2;

        assertThatThrownBy(() -> GroupEventCodec.decode(Arrays.copyOf(body, body.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GroupEventCodec.decode(otherFormat)).isInstanceOf(IllegalArgumentException.class);
    }
}
