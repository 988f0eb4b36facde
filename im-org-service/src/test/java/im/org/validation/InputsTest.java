package im.org.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.ImException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class InputsTest {

    @Test
    void name_shouldKeepCjkAndEmoji_countingCodePoints() throws ImException {
        assertThat(Inputs.name("name", "  研发中心 🚀 ")).isEqualTo("研发中心 🚀");
        assertThat(Inputs.name("name", "😀".repeat(64))).hasSize(128);
        assertThat(Inputs.name("name", "O'Brien; DROP TABLE x; --")).isEqualTo("O'Brien; DROP TABLE x; --");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "tab\there", "new\nline", "nul\u0000"})
    void name_shouldRefuseBlankAndControlCharacters(String name) {
        assertBad(() -> Inputs.name("name", name));
    }

    @Test
    void name_shouldRefuseSixtyFiveCodePoints_andNull() {
        assertBad(() -> Inputs.name("name", "😀".repeat(65)));
        assertBad(() -> Inputs.name("name", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "用户", "a b", "x'; DROP TABLE org_user; --", "😀"})
    void account_shouldRefuseAnythingButAsciiIdentifiers(String account) {
        assertBad(() -> Inputs.account("account", account));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Acme", "-acme", "数据", "acme_corp", "x'--"})
    void tenantCode_shouldRefuseBadCodes(String code) {
        assertBad(() -> Inputs.tenantCode(code));
    }

    @Test
    void password_shouldRefuseShortAndOver72Bytes() throws ImException {
        assertBad(() -> Inputs.password("password", "short"));
        assertBad(() -> Inputs.password("password", "密".repeat(25))); // 75 bytes in UTF-8
        assertThat(Inputs.password("password", "密".repeat(24))).hasSize(24);
    }

    @Test
    void ids_shouldRefuseDuplicatesNonPositiveAndTooMany() throws ImException {
        assertBad(() -> Inputs.ids("ids", List.of(1L, 1L), 5));
        assertBad(() -> Inputs.ids("ids", List.of(0L), 5));
        assertBad(() -> Inputs.ids("ids", Arrays.asList(1L, null), 5));
        assertBad(() -> Inputs.ids("ids", List.of(1L, 2L, 3L), 2));
        assertThat(Inputs.ids("ids", List.of(3L, 1L), 2)).containsExactly(3L, 1L);
    }

    private static void assertBad(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ImException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }
}
