package im.logic.fanout;

import im.api.message.MessageEntry;
import im.api.message.MessageRecalledEvent;
import im.logic.event.EventPublisher;
import im.logic.message.StoredMessage;
import im.logic.push.Pusher;
import im.logic.push.SendingSessions;
import im.logic.timeline.EntryAssembler;
import im.logic.timeline.TimelineRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What follows a written fan-out job, off the ordering lock's critical part: pushes to online devices
 * and the RocketMQ events ({@link im.api.message.MessageTopics}): a message is archived, a recall
 * updates the archive, a group event is only pushed (it is not a message anyone searches for). Both
 * are best effort; the streams are already durable. Thread-safe.
 */
public final class AfterDelivery implements Consumer<FanoutProcessor.Delivery> {
    private final EventPublisher events;
    private final Pusher pusher;
    private final SendingSessions sending;

    public AfterDelivery(EventPublisher events, Pusher pusher, SendingSessions sending) {
        this.events = events;
        this.pusher = pusher;
        this.sending = sending;
    }

    @Override
    public void accept(FanoutProcessor.Delivery d) {
        StoredMessage m = d.message();
        FanoutJob job = d.job();
        if (job.kind() == MessageEntry.KIND_NORMAL) {
            events.sent(m.sentEvent(d.members()));
        } else if (job.kind() == MessageEntry.KIND_RECALL) {
            events.recalled(new MessageRecalledEvent(m.msgId(), m.tenantId(), m.convType(), m.convId(),
                    job.operatorId(), job.createTime()));
        }
        if (pusher == Pusher.NONE) {
            return;
        }
        Map<Long, MessageEntry> entries = new HashMap<>(d.seqs().size() * 2);
        for (Map.Entry<Long, Long> e : d.seqs().entrySet()) {
            long user = e.getKey();
            long convId = m.convType() != 1 ? m.convId() : user == m.fromUserId() ? m.convId() : m.fromUserId();
            TimelineRow row = new TimelineRow(user, e.getValue(), m.msgId(), job.kind(), m.convType(), convId,
                    job.kind() == MessageEntry.KIND_RECALL ? m.msgId() : 0, job.createTime(), job.operatorId());
            entries.put(user, EntryAssembler.entry(row, m));
        }
        pusher.entries(m, entries, job.kind() == MessageEntry.KIND_NORMAL ? sending.of(m.msgId()) : null);
    }
}
