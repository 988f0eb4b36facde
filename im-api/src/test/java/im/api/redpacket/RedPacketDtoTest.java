package im.api.redpacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import im.api.message.SendRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RedPacketDtoTest {

    static Stream<Object> dtos() {
        return Stream.of(
                new SendRedPacket(2, 9L, 10_000L, 10, RedPacketKind.RANDOM, "恭喜发财 🧧"),
                new RedPacketSent(Long.MAX_VALUE, 42L),
                new GrabRecord(7L, 123L, 1_700_000_000_000L),
                new RedPacketDetail(1L, 2L, 2, 9L, RedPacketKind.FIXED, "hi", 300L, 3, 100L, 1, 1_700_000_000_000L,
                        RedPacketDetail.OPEN, 0L, List.of(new GrabRecord(7L, 100L, 1L), new GrabRecord(8L, 100L, 2L))),
                new ReconcileReport(3, 4, List.of("wallet 7: ledger 100 != balance 90")));
    }

    @ParameterizedTest
    @MethodSource("dtos")
    void dto_shouldSurviveHessian2RoundTrip(Object dto) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Hessian2Output out = new Hessian2Output(bytes);
        out.writeObject(dto);
        out.flush();
        Object back = new Hessian2Input(new ByteArrayInputStream(bytes.toByteArray())).readObject();

        assertThat(back).isEqualTo(dto);
    }

    @Test
    void createdEvent_shouldRoundTrip_throughTheCodec() {
        RedPacketCreated e = new RedPacketCreated(1L << 60, 7L, 42L, 2, 9L, RedPacketKind.RANDOM, 200, "新年快乐",
                1_700_000_000_000L);

        assertThat(RedPacketChat.decode(RedPacketChat.encode(e))).isEqualTo(e);
    }

    @Test
    void decode_shouldRefuse_truncatedOrForeignBodies() {
        byte[] body = RedPacketChat.encode(new RedPacketCreated(1L, 7L, 42L, 1, 9L, RedPacketKind.FIXED, 1, "", 5L));

        assertThatThrownBy(() -> RedPacketChat.decode(Arrays.copyOf(body, body.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedPacketChat.decode(new byte[] {9})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void request_shouldBeTheSame_forEveryPostOfOnePacket() {
        RedPacketCreated e = new RedPacketCreated(77L, 7L, 42L, 2, 9L, RedPacketKind.RANDOM, 3, "hi", 5L);

        SendRequest a = RedPacketChat.request(e);
        SendRequest b = RedPacketChat.request(RedPacketChat.decode(RedPacketChat.encode(e)));

        assertThat(a.clientMsgId()).isEqualTo("rp:77").isEqualTo(b.clientMsgId());
        assertThat(a.contentType()).isEqualTo(4);
        assertThat(new String(a.payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"redPacketId\":\"77\",\"kind\":\"RANDOM\",\"count\":3,\"expiresAt\":5}")
                .isEqualTo(new String(b.payload(), StandardCharsets.UTF_8));
    }
}
