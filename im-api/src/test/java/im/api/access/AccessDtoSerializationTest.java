package im.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessDtoSerializationTest {

    @Test
    void pushRequest_shouldSurviveHessian2RoundTrip_withItsBody() throws IOException {
        PushRequest request = new PushRequest(42L, 12, new byte[] {1, 2, 3, -1}, 99L, 7L);

        PushRequest back = (PushRequest) roundTrip(request);

        assertThat(back).usingRecursiveComparison().isEqualTo(request);
        assertThat(back.body()).containsExactly(1, 2, 3, -1);
    }

    @Test
    void pushResult_shouldSurviveHessian2RoundTrip() throws IOException {
        assertThat(roundTrip(new PushResult(2, 1))).isEqualTo(new PushResult(2, 1));
    }

    @Test
    void kickRequest_shouldSurviveHessian2RoundTrip() throws IOException {
        KickRequest kick = new KickRequest(42L, 1L << 40, 1, "logged in elsewhere");

        assertThat(roundTrip(kick)).isEqualTo(kick);
    }

    @Test
    void undeliveredPushes_shouldSurviveHessian2RoundTrip_asAList() throws IOException {
        List<UndeliveredPush> pushes = List.of(new UndeliveredPush(42L, 2, 5L, 100L, 3, "im-access-0"),
                new UndeliveredPush(43L, 1, 6L, 7L, 0, "im-access-0"));

        assertThat(roundTrip(pushes)).isEqualTo(pushes);
    }

    private static Object roundTrip(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Hessian2Output out = new Hessian2Output(bytes);
        out.writeObject(value);
        out.flush();
        return new Hessian2Input(new ByteArrayInputStream(bytes.toByteArray())).readObject();
    }
}
