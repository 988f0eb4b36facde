package im.logic.conversation;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.ConversationList;
import im.api.message.ConversationView;
import im.logic.message.MessageStore;
import im.logic.message.StoredMessage;
import im.logic.timeline.EntryAssembler;
import im.logic.timeline.TimelineRow;
import im.logic.timeline.TimelineStore;
import im.logic.unread.UnreadCounter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code CONV_LIST}: recent conversations with their last entry and the live unread counts. Thread-safe. */
public final class ConversationListHandler {
    private final ConversationStore conversations;
    private final TimelineStore timeline;
    private final MessageStore messages;
    private final UnreadCounter unread;

    public ConversationListHandler(ConversationStore conversations, TimelineStore timeline, MessageStore messages,
                                   UnreadCounter unread) {
        this.conversations = conversations;
        this.timeline = timeline;
        this.messages = messages;
        this.unread = unread;
    }

    public ConversationList list(long userId, int limit) throws ImException {
        try {
            List<ConversationRow> rows = conversations.recent(userId, limit);
            Map<Long, TimelineRow> lastBySeq = new HashMap<>();
            for (TimelineRow r : timeline.at(userId, rows.stream().map(ConversationRow::lastSeq)
                    .filter(s -> s > 0).toList())) {
                lastBySeq.put(r.seq(), r);
            }
            Map<Long, StoredMessage> content = messages.findAll(lastBySeq.values().stream()
                    .map(TimelineRow::msgId).toList());
            Map<String, Long> counts = unread.snapshot(userId);
            List<ConversationView> views = new ArrayList<>(rows.size());
            for (ConversationRow row : rows) {
                TimelineRow last = lastBySeq.get(row.lastSeq());
                String key = UnreadCounter.key(row.convType(), row.convId());
                views.add(new ConversationView(row.convType(), row.convId(),
                        last == null ? null : EntryAssembler.entry(last, content.get(last.msgId())),
                        counts.getOrDefault(key, 0L).intValue(), row.readSeq(), row.updateTime()));
            }
            return new ConversationList(views, counts.get(UnreadCounter.totalKey()).intValue());
        } catch (SQLException | RuntimeException e) {
            throw new ImException(ErrorCode.BUSY, "Failed to list conversations of user " + userId + ": " + e, e);
        }
    }
}
