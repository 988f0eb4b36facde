package im.extlogic.archive;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.message.MessageSentEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveDocumentsTest {

    @Test
    void convKey_shouldBeTheSameForBothSides_whenTheChatIsSingle() {
        assertThat(ArchiveDocuments.of(sent(1, 9L, 4L)).get("conv_key")).isEqualTo("s:4:9");
        assertThat(ArchiveDocuments.of(sent(1, 4L, 9L)).get("conv_key")).isEqualTo("s:4:9");
    }

    @Test
    void convKey_shouldNameTheGroup_whenTheChatIsAGroup() {
        assertThat(ArchiveDocuments.of(sent(2, 500L, 4L)).get("conv_key")).isEqualTo("g:500");
    }

    private static MessageSentEvent sent(int convType, long convId, long fromUserId) {
        return new MessageSentEvent(1L, 7L, convType, convId, fromUserId, 1_700_000_000_000L, 1, "hi", false,
                List.of(convId), List.of());
    }
}
