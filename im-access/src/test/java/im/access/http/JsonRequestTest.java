package im.access.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import im.api.ErrorCode;
import im.api.ImException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonRequest parse(String body) throws ImException {
        return JsonRequest.parse(JSON, body.getBytes(StandardCharsets.UTF_8), Set.of("name", "ids", "id", "flag"));
    }

    @Test
    void ids_shouldAcceptStringsAndNumbers_beyondTwoToThe53() throws ImException {
        JsonRequest r = parse("{\"ids\":[\"9223372036854775807\", 12, \"9007199254740993\"], \"id\": \"42\"}");

        assertThat(r.ids("ids", 10)).containsExactly(Long.MAX_VALUE, 12L, 9_007_199_254_740_993L);
        assertThat(r.id("id")).isEqualTo(42L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\": 1.5}", "{\"id\": -1}", "{\"id\": \"12a\"}", "{\"id\": \"\"}", "{\"id\": true}",
            "{\"id\": \"99999999999999999999\"}", "{\"id\": 99999999999999999999}", "{\"id\": \"1; DROP TABLE x\"}",
            "{\"id\": 0}", "{}"})
    void id_shouldRefuseAnythingButAPositiveId(String body) {
        assertThatThrownBy(() -> parse(body).id("id"))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "null", "\"x\"", "{", "{\"other\": 1}", "{\"name\": \"a\",}"})
    void parse_shouldRefuseBodiesThatAreNotAnObjectOfKnownFields(String body) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @Test
    void string_shouldCountCodePoints_andRefuseOtherTypes() throws ImException {
        assertThat(parse("{\"name\": \"" + "😀".repeat(64) + "\"}").string("name", 64)).hasSize(128);
        assertThatThrownBy(() -> parse("{\"name\": \"" + "😀".repeat(65) + "\"}").string("name", 64))
                .isInstanceOf(ImException.class);
        assertThatThrownBy(() -> parse("{\"name\": 5}").string("name", 64)).isInstanceOf(ImException.class);
        assertThatThrownBy(() -> parse("{\"name\": [\"a\"]}").string("name", 64)).isInstanceOf(ImException.class);
        assertThat(parse("{\"name\": null}").optionalString("name", 64)).isNull();
    }

    @Test
    void bool_shouldRefuseStringsAndNumbers() throws ImException {
        assertThat(parse("{\"flag\": true}").bool("flag")).isTrue();
        assertThatThrownBy(() -> parse("{\"flag\": \"true\"}").bool("flag")).isInstanceOf(ImException.class);
        assertThatThrownBy(() -> parse("{\"flag\": 1}").bool("flag")).isInstanceOf(ImException.class);
        assertThat(parse("{\"ids\": []}").ids("ids", 3)).isEqualTo(List.of());
        assertThatThrownBy(() -> parse("{\"ids\": [1,2,3,4]}").ids("ids", 3)).isInstanceOf(ImException.class);
    }
}
