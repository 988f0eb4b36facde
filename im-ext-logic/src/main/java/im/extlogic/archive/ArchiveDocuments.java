package im.extlogic.archive;

import im.api.message.ConversationKey;
import im.api.message.MessageRecalledEvent;
import im.api.message.MessageSentEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The archive document of a message and of its recall. Who may find a message is decided when it
 * is written: {@code member_ids} holds the sender and the recipients at send time, which is exactly
 * whose streams hold the message (a member who joins later does not get earlier messages, one who
 * leaves keeps them), so search needs no membership lookup and no projection that could lag.
 */
public final class ArchiveDocuments {
    private ArchiveDocuments() {
    }

    /**
     * The {@code conv_key} of a conversation: {@code s:<smaller>:<larger>} for a single chat, which
     * both sides share, {@code g:<id>} for any other.
     */
    public static String convKey(ConversationKey conv) {
        return conv.single() ? "s:" + conv.convId() + ":" + conv.convPeer() : "g:" + conv.convId();
    }

    static Map<String, Object> of(MessageSentEvent e) {
        List<Long> members = new ArrayList<>(e.recipientIds().size() + 1);
        members.add(e.fromUserId());
        members.addAll(e.recipientIds());
        Map<String, Object> doc = new HashMap<>();
        doc.put("msg_id", e.msgId());
        doc.put("tenant_id", e.tenantId());
        doc.put("conv_type", e.convType());
        doc.put("conv_id", e.convId());
        doc.put("conv_key", convKey(ConversationKey.of(e.convType(), e.fromUserId(), e.convId())));
        doc.put("from_user_id", e.fromUserId());
        doc.put("member_ids", members);
        doc.put("send_time", e.sendTime());
        doc.put("content_type", e.contentType());
        doc.put("text", e.text());
        doc.put("recalled", false);
        return doc;
    }

    /** The partial document a recall merges into the message's document. */
    static Map<String, Object> recall(MessageRecalledEvent e) {
        return Map.of("recalled", true, "recall_time", e.recallTime(), "recalled_by", e.operatorId());
    }
}
