package im.api.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflinePushCodecTest {

    private static OfflinePushEvent event() {
        return new OfflinePushEvent(1L << 61, 3L, 42L, 2, 900L, 7L, "张三 Zhang", "你好 hello 😀", 1_700_000_000_000L,
                true, List.of(new PushDevice("phone-1", 2), new PushDevice("desk-1", 1)));
    }

    @Test
    void decode_shouldReturnTheSameEvent_whenEncoded() {
        assertThat(OfflinePushCodec.decode(OfflinePushCodec.encode(event()))).isEqualTo(event());
    }

    @Test
    void decode_shouldKeepTheGroupName_andReadFormat1WithoutIt() {
        OfflinePushEvent named = new OfflinePushEvent(5L, 3L, 42L, 2, 900L, 7L, "张三", "hi", 1L, false,
                List.of(new PushDevice("phone-1", 2)), "项目组 Team");
        assertThat(OfflinePushCodec.decode(OfflinePushCodec.encode(named))).isEqualTo(named);

        byte[] v2 = OfflinePushCodec.encode(event()); // empty group name: its writeUTF is the last 2 bytes
        byte[] v1 = Arrays.copyOf(v2, v2.length - 2);
        v1[0] = 1;
        assertThat(OfflinePushCodec.decode(v1)).isEqualTo(event());
    }

    @Test
    void decode_shouldRefuse_whenTruncatedOrTrailing() {
        byte[] body = OfflinePushCodec.encode(event());

        assertThatThrownBy(() -> OfflinePushCodec.decode(Arrays.copyOf(body, body.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> OfflinePushCodec.decode(Arrays.copyOf(body, body.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailing");
    }

    @Test
    void decode_shouldRefuse_whenFormatUnknown() {
        byte[] body = OfflinePushCodec.encode(event());
        body[0] = 9;

        assertThatThrownBy(() -> OfflinePushCodec.decode(body)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format");
    }

    @Test
    void event_shouldSurviveHessian2RoundTrip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Hessian2Output out = new Hessian2Output(bytes);
        out.writeObject(event());
        out.flush();

        assertThat(new Hessian2Input(new ByteArrayInputStream(bytes.toByteArray())).readObject()).isEqualTo(event());
    }
}
