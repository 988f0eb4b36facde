package im.logic.push;

import im.api.access.PushDeliveryListener;
import im.api.access.UndeliveredPush;
import im.api.message.MessageEntry;
import im.logic.message.MessageStore;
import im.logic.message.StoredMessage;
import im.logic.timeline.TimelineRow;
import im.logic.timeline.TimelineStore;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's {@link PushDeliveryListener}, exported in group {@code im-logic}: a {@code MSG_PUSH} that
 * an access node wrote but never got acknowledged (or could not write) becomes an offline-push event
 * for the entry's message, when it is a normal message. The entry is found by the push's
 * {@code (userId, ackSeq)}: every push carries one entry. Works on {@code executor}; thread-safe.
 */
public final class UndeliveredListener implements PushDeliveryListener {
    private static final Logger log = LoggerFactory.getLogger(UndeliveredListener.class);

    private final TimelineStore timeline;
    private final MessageStore messages;
    private final OfflineNotifier offline;
    private final Executor executor;

    public UndeliveredListener(TimelineStore timeline, MessageStore messages, OfflineNotifier offline,
                               Executor executor) {
        this.timeline = timeline;
        this.messages = messages;
        this.offline = offline;
        this.executor = executor;
    }

    @Override
    public CompletableFuture<Void> undelivered(List<UndeliveredPush> pushes) {
        if (pushes == null || pushes.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> notifyAll(pushes), executor);
    }

    private void notifyAll(List<UndeliveredPush> pushes) {
        Map<Long, Set<Long>> seqsByUser = pushes.stream().filter(p -> p.userId() > 0 && p.ackSeq() > 0)
                .collect(Collectors.groupingBy(UndeliveredPush::userId, TreeMap::new,
                        Collectors.mapping(UndeliveredPush::ackSeq, Collectors.toCollection(TreeSet::new))));
        seqsByUser.forEach((user, seqs) -> {
            try {
                List<TimelineRow> rows = timeline.at(user, seqs);
                Set<Long> msgIds = new HashSet<>();
                for (TimelineRow row : rows) {
                    if (row.kind() == MessageEntry.KIND_NORMAL) {
                        msgIds.add(row.msgId());
                    }
                }
                for (StoredMessage m : messages.findAll(msgIds).values()) {
                    if (!m.recalled()) {
                        offline.notify(m, List.of(user));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                log.warn("Failed to raise offline push for undelivered pushes: {userId={}, seqs={}}: {}", user, seqs,
                        e.toString());
            }
        });
    }
}
