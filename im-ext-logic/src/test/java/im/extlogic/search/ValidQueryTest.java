package im.extlogic.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.search.MessageQuery;
import im.api.search.SearchCaller;
import im.infra.audit.AuditLog;
import org.junit.jupiter.api.Test;

class ValidQueryTest {
    private static final SearchCaller CALLER = new SearchCaller(3L, 7L);

    @Test
    void of_shouldApplyPagingDefaults_andSplitWords() throws ImException {
        ValidQuery q = ValidQuery.of(CALLER, new MessageQuery("  事务中间件   kafka  kafka ", 0, 0, 0, 0, 0, 0, 0));

        assertThat(q.phrases()).containsExactly("事务中间件", "kafka");
        assertThat(q.page()).isEqualTo(1);
        assertThat(q.size()).isEqualTo(MessageQuery.DEFAULT_SIZE);
    }

    @Test
    void of_shouldAnswerBadRequestNamingTheField_whenInvalid() {
        assertBad(null, MessageQuery.of("x"), "caller");
        assertBad(CALLER, null, "query");
        assertBad(CALLER, MessageQuery.of(null), "q must not be empty");
        assertBad(CALLER, MessageQuery.of("x".repeat(MessageQuery.MAX_TEXT_LENGTH + 1)), "longer");
        assertBad(CALLER, MessageQuery.of("a b c d e f g h i j k"), "words");
        assertBad(CALLER, new MessageQuery("x", 3, 0, 0, 0, 0, 1, 20), "convType");
        assertBad(CALLER, new MessageQuery("x", 0, 9, 0, 0, 0, 1, 20), "convType is required");
        assertBad(CALLER, new MessageQuery("x", 0, 0, -1, 0, 0, 1, 20), "negative");
        assertBad(CALLER, new MessageQuery("x", 0, 0, 0, 5, 5, 1, 20), "to must be after from");
        assertBad(CALLER, new MessageQuery("x", 0, 0, 0, 0, 0, 1, 101), "size");
        assertBad(CALLER, new MessageQuery("x", 0, 0, 0, 0, 0, 101, 100), "10000");
    }

    private static void assertBad(SearchCaller caller, MessageQuery q, String message) {
        assertThatThrownBy(() -> ValidQuery.of(caller, q)).isInstanceOf(ImException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((ImException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void auditQuote_shouldEscapeLineBreaks_soAQueryCannotForgeAnAuditLine() {
        assertThat(AuditLog.quote("a\"b\nadmin search: {x}")).isEqualTo("\"a\\\"b\\nadmin search: {x}\"");
    }
}
