package im.api.message;

import java.io.Serializable;
import java.util.List;

/**
 * The answer to {@link MessageService#conversations}: the most recently active conversations first.
 *
 * @param conversations at most the asked number
 * @param totalUnread   the user's unread count over every conversation, not only the listed ones
 */
public record ConversationList(List<ConversationView> conversations, int totalUnread) implements Serializable {
    public ConversationList {
        conversations = List.copyOf(conversations);
    }
}
