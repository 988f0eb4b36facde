package im.logic;

import im.api.access.PushDeliveryListener;
import im.logic.api.MessageEndpoint;
import im.logic.conversation.ConversationListHandler;
import im.logic.conversation.ConversationStore;
import im.logic.event.EventPublisher;
import im.logic.fanout.AfterDelivery;
import im.logic.fanout.ConversationFanout;
import im.logic.fanout.FanoutJobStore;
import im.logic.fanout.FanoutProcessor;
import im.logic.fanout.MemberDirectory;
import im.logic.group.GroupEventApplier;
import im.logic.id.MsgIdGenerator;
import im.logic.message.MessageStore;
import im.logic.push.OfflineNotifier;
import im.logic.push.Pusher;
import im.logic.push.SendingSessions;
import im.logic.push.UndeliveredListener;
import im.logic.read.ReadHandler;
import im.logic.recall.RecallHandler;
import im.logic.send.SendAuthorizer;
import im.logic.send.SendDedup;
import im.logic.send.SendHandler;
import im.logic.seq.SeqAllocator;
import im.logic.seq.SeqSectionStore;
import im.logic.sync.SyncHandler;
import im.logic.timeline.TimelineStore;
import im.logic.unread.UnreadCounter;
import im.logic.unread.UnreadMerger;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.redisson.api.RedissonClient;

/**
 * The messaging object graph, built with {@code new} in reading order from the clients a process
 * owns. {@link LogicBootstrap} builds one per process; integration tests build one per simulated node
 * with the same code, so what they test is what runs. Closing it stops its threads (not the clients).
 */
public final class MessagingCore implements AutoCloseable {
    private final ThreadPoolExecutor writers;
    private final UnreadMerger merger;
    private final ConversationFanout fanout;
    private final MessageEndpoint endpoint;
    private final UnreadCounter unread;
    private final SeqAllocator seqs;
    private final TimelineStore timeline;
    private final MessageStore messages;
    private final GroupEventApplier groupEvents;

    /**
     * @param msgTables physical tables per sharded table of the msg database, from its layout: batches
     *                  are grouped by table (a speed hint, see {@link TimelineStore})
     * @param clock     epoch millis for send times, recall windows and gaps (tests move it)
     */
    public MessagingCore(LogicSettings settings, DataSource msgDb, int msgTables, RedissonClient redis,
                         MsgIdGenerator ids,
                         SendAuthorizer authorizer, MemberDirectory directory, EventPublisher events, Pusher pusher,
                         MeterRegistry metrics, LongSupplier clock) {
        MessageStore messages = new MessageStore(msgDb);
        TimelineStore timeline = new TimelineStore(msgDb, msgTables);
        ConversationStore conversations = new ConversationStore(msgDb, msgTables);
        FanoutJobStore jobs = new FanoutJobStore(msgDb);
        this.seqs = new SeqAllocator(redis, new SeqSectionStore(msgDb), settings.seqStep());
        this.unread = new UnreadCounter(redis, timeline, conversations, clock, settings.unreadLockWaitMillis());
        this.merger = new UnreadMerger(unread, settings.mergeMaxMessages(), settings.mergeMaxDelayMillis(),
                settings.mergeParallelism(), metrics);
        // Bounded: a full queue makes the draining thread write the chunk itself (back-pressure, no drop).
        AtomicInteger n = new AtomicInteger();
        this.writers = new ThreadPoolExecutor(settings.fanoutWriters(), settings.fanoutWriters(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(64), r -> {
                    Thread t = new Thread(r, "fanout-writer-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        FanoutProcessor processor = new FanoutProcessor(jobs, messages, directory, seqs, timeline, conversations,
                unread, merger, settings.mergeFromMembers(), writers, clock, metrics);
        SendingSessions sending = new SendingSessions();
        this.fanout = new ConversationFanout(redis, jobs, processor, new AfterDelivery(events, pusher, sending),
                settings.answerWaitMillis(), settings.staleMillis(), clock);
        this.groupEvents = new GroupEventApplier(redis, ids, messages, fanout);
        this.endpoint = new MessageEndpoint(
                new SendHandler(authorizer, new SendDedup(redis), ids, messages, fanout, sending, clock),
                new SyncHandler(timeline, messages, seqs, settings.syncGapGraceMillis(), clock),
                new ReadHandler(unread, seqs, timeline, messages, events, clock),
                new RecallHandler(messages, authorizer, fanout, clock),
                new ConversationListHandler(conversations, timeline, messages, unread), pusher);
        this.timeline = timeline;
        this.messages = messages;
    }

    /** The {@code MessageService} to export. */
    public MessageEndpoint endpoint() {
        return endpoint;
    }

    /** Turns im-org-service's group events into GROUP_EVENT entries (for the {@code im-group-event} consumer). */
    public GroupEventApplier groupEvents() {
        return groupEvents;
    }

    /**
     * The {@code PushDeliveryListener} to export: unacknowledged pushes become offline-push events.
     *
     * @param executor where the lookups of reported entries run
     */
    public PushDeliveryListener undeliveredListener(OfflineNotifier offline, Executor executor) {
        return new UndeliveredListener(timeline, messages, offline, executor);
    }

    /** Applies buffered unread increments now (tests; shutdown does it too). */
    public void flushUnread() {
        merger.flush();
    }

    public SeqAllocator seqs() {
        return seqs;
    }

    public UnreadCounter unread() {
        return unread;
    }

    @Override
    public void close() {
        fanout.close();
        merger.close();
        writers.shutdown();
        try {
            writers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
