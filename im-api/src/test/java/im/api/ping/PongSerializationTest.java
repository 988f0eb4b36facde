package im.api.ping;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PongSerializationTest {

    @Test
    void pong_shouldSurviveHessian2RoundTrip() throws IOException {
        Pong pong = new Pong("im-logic", "im-logic-0", 4242L, 1_700_000_000_000L,
                List.of("im-org-service=ok pid=7", "redis=ok"));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Hessian2Output out = new Hessian2Output(bytes);
        out.writeObject(pong);
        out.flush();
        Object back = new Hessian2Input(new ByteArrayInputStream(bytes.toByteArray())).readObject();

        assertThat(back).isEqualTo(pong);
    }
}
