package im.logic.lane;

import im.api.ImException;
import im.api.message.ConversationKey;
import im.api.message.MessageEntry;
import im.logic.fanout.FanoutJob;
import im.logic.fanout.FanoutProcessor;
import im.logic.message.DuplicateKeys;
import im.logic.message.MessageStore;
import im.logic.message.StoredMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes messages a writer left half-written (it died, or a store failed between the content and
 * the entries): for each, the members that lack its entry get one ({@link FanoutProcessor} with a
 * retry job: it skips the holders),
 * then it is pushed and archived like any other. A message whose content was never committed has no
 * entry anywhere (contents are committed first) and is skipped. The caller holds the conversation's
 * lock. Thread-safe.
 */
public final class MessageRepair implements LaneContext.Repairer {
    private static final Logger log = LoggerFactory.getLogger(MessageRepair.class);

    private final MessageStore messages;
    private final FanoutProcessor processor;
    private final Consumer<FanoutProcessor.Delivery> afterDelivery;

    public MessageRepair(MessageStore messages, FanoutProcessor processor, Consumer<FanoutProcessor.Delivery> afterDelivery) {
        this.messages = messages;
        this.processor = processor;
        this.afterDelivery = afterDelivery;
    }

    @Override
    public boolean repair(ConversationKey conv, List<Long> msgIds) {
        try {
            Map<Long, StoredMessage> found = messages.findAll(msgIds);
            for (Long msgId : msgIds) {
                StoredMessage m = found.get(msgId);
                if (m == null) {
                    continue; // never stored: nothing names it
                }
                complete(conv, m).ifPresent(d -> {
                    if (!d.seqs().isEmpty()) {
                        afterDelivery.accept(d);
                    }
                });
            }
            return true;
        } catch (Exception e) {
            log.warn("Failed to repair half-written messages {conv={}, msgIds={}}: {}", conv, msgIds, e.toString());
            return false;
        }
    }

    /**
     * Writes the missing entries as a second attempt (holders skipped, seq counters trusted: no gap in
     * the members' streams); only when a seq turns out to be taken (a Redis replica that lost writes)
     * once more as a third, which first moves the counters past their persisted section ends.
     */
    private Optional<FanoutProcessor.Delivery> complete(ConversationKey conv, StoredMessage m) throws ImException {
        try {
            return processor.process(job(conv, m, 1));
        } catch (ImException e) {
            if (!DuplicateKeys.isDuplicate(e)) {
                throw e;
            }
            log.warn("Seq taken while repairing message {} of {}; moving counters past their section ends",
                    m.msgId(), conv);
            return processor.process(job(conv, m, 2));
        }
    }

    private static FanoutJob job(ConversationKey conv, StoredMessage m, int attempts) {
        return new FanoutJob(m.msgId(), conv.convType(), conv.convId(), conv.convPeer(), MessageEntry.KIND_NORMAL,
                m.msgId(), m.fromUserId(), FanoutJob.PENDING, 0, attempts, m.sendTime());
    }
}
