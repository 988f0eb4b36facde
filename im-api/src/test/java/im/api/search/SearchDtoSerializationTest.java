package im.api.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchDtoSerializationTest {

    @Test
    void caller_shouldSurviveHessian2RoundTrip() throws IOException {
        SearchCaller caller = new SearchCaller(3L, 1001L);

        assertThat(roundTrip(caller)).isEqualTo(caller);
    }

    @Test
    void query_shouldSurviveHessian2RoundTrip_withEveryFilter() throws IOException {
        MessageQuery query = new MessageQuery("事务 hello", 2, 77L, 5L, 1_700_000_000_000L, 1_800_000_000_000L, 3, 50);

        assertThat(roundTrip(query)).isEqualTo(query);
    }

    @Test
    void page_shouldSurviveHessian2RoundTrip_withRecalledAndPlainHits() throws IOException {
        MessagePage page = new MessagePage(2L, 1, 20, List.of(
                new MessageHit(1L << 62, 1, 9L, 8L, 1_700_000_000_000L, "分布式事务中间件", "分布式<em>事务</em>中间件", false),
                new MessageHit(5L, 2, 77L, 8L, 1_700_000_000_001L, "hello", "", true)));

        assertThat(roundTrip(page)).isEqualTo(page);
    }

    private static Object roundTrip(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Hessian2Output out = new Hessian2Output(bytes);
        out.writeObject(value);
        out.flush();
        return new Hessian2Input(new ByteArrayInputStream(bytes.toByteArray())).readObject();
    }
}
