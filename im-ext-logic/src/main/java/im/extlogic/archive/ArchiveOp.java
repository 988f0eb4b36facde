package im.extlogic.archive;

import im.api.message.MessageRecalledEvent;
import im.api.message.MessageSentEvent;

/** One change to the archive, as {@link BulkArchiver} queues it. */
public sealed interface ArchiveOp {

    /** The message's msg id: the document id. */
    long msgId();

    /** Write the message's document unless it exists (idempotent by msg id). */
    record Index(MessageSentEvent event) implements ArchiveOp {
        @Override
        public long msgId() {
            return event.msgId();
        }
    }

    /** Mark the message's document as recalled. */
    record Recall(MessageRecalledEvent event) implements ArchiveOp {
        @Override
        public long msgId() {
            return event.msgId();
        }
    }
}
