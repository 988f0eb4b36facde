package im.logic.timeline;

import im.api.message.MessageEntry;
import im.logic.message.StoredMessage;

/** Turns a stream row and its message into the {@link MessageEntry} a client sees. */
public final class EntryAssembler {
    private static final byte[] EMPTY = new byte[0];

    private EntryAssembler() {
    }

    /**
     * @param message the row's message, or null when it is missing (an entry of a lost content write):
     *                the entry then carries its position and kind only
     */
    public static MessageEntry entry(TimelineRow row, StoredMessage message) {
        if (message == null) {
            return new MessageEntry(row.msgId(), row.seq(), row.convType(), row.convId(), row.fromUserId(),
                    row.createTime(), 0, "", EMPTY, "", row.kind(), row.refMsgId(), false, null, false);
        }
        boolean recalled = message.recalled();
        return new MessageEntry(row.msgId(), row.seq(), row.convType(), row.convId(),
                row.kind() == MessageEntry.KIND_NORMAL ? message.fromUserId() : row.fromUserId(),
                row.kind() == MessageEntry.KIND_NORMAL ? message.sendTime() : row.createTime(),
                message.contentType(), recalled ? "" : message.text(),
                recalled ? EMPTY : message.payload(), message.clientMsgId(), row.kind(), row.refMsgId(),
                message.needReceipt(), message.mentions(), recalled);
    }
}
