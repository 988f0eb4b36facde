package im.logic;

import im.api.access.PushDeliveryListener;
import im.infra.db.PhysicalShards;
import im.infra.service.BoundedExecutors;
import im.logic.api.Async;
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
import im.logic.lane.BatchFinisher;
import im.logic.lane.BatchWriter;
import im.logic.lane.ConvLocks;
import im.logic.lane.LaneSettings;
import im.logic.lane.MessageRepair;
import im.logic.lane.SendLanes;
import im.logic.message.MessageStore;
import im.logic.push.OfflineNotifier;
import im.logic.push.Pusher;
import im.logic.push.SendingSessions;
import im.logic.push.UndeliveredListener;
import im.logic.read.ReadHandler;
import im.logic.recall.RecallHandler;
import im.logic.send.OrgAnswerCache;
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
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.redisson.api.RedissonClient;

/**
 * The messaging object graph, built with {@code new} in reading order from the clients a process
 * owns. {@link LogicBootstrap} builds one per process; integration tests build one per simulated node
 * with the same code, so what they test is what runs. It owns its threads, all named and bounded: the
 * send lanes, the fan-out writers and drains, the queries pool, the after-write pool and the sweeper.
 * Closing it stops them (not the clients).
 */
public final class MessagingCore implements AutoCloseable {
    private final ThreadPoolExecutor writers;
    private final ThreadPoolExecutor drains;
    private final ThreadPoolExecutor queries;
    private final ThreadPoolExecutor after;
    private final ScheduledExecutorService sweeper;
    private final ScheduledExecutorService keepAlive;
    private final OrgAnswerCache org;
    private final UnreadMerger merger;
    private final ConversationFanout fanout;
    private final SendLanes lanes;
    private final MessageEndpoint endpoint;
    private final UnreadCounter unread;
    private final SeqAllocator seqs;
    private final TimelineStore timeline;
    private final MessageStore messages;
    private final GroupEventApplier groupEvents;

    /**
     * @param nodeId    this process's instance id (lock owners)
     * @param msgTables physical tables per sharded table of the msg database, from its layout: batches
     *                  are grouped by table (a speed hint, see {@link TimelineStore})
     * @param msgShards the msg database's physical databases, for the lanes' batched writes
     * @param clock     epoch millis for send times, recall windows and gaps (tests move it)
     */
    public MessagingCore(String nodeId, LogicSettings settings, LaneSettings laneSettings, DataSource msgDb,
                         int msgTables, PhysicalShards msgShards, RedissonClient redis, MsgIdGenerator ids, SendAuthorizer authorizer,
                         MemberDirectory directory, EventPublisher events, Pusher pusher, MeterRegistry metrics,
                         LongSupplier clock) {
        MessageStore messages = new MessageStore(msgDb);
        TimelineStore timeline = new TimelineStore(msgDb, msgTables);
        ConversationStore conversations = new ConversationStore(msgDb, msgTables);
        FanoutJobStore jobs = new FanoutJobStore(msgDb);
        this.org = new OrgAnswerCache(authorizer, directory, redis, settings.orgCacheEntries(), metrics);
        this.seqs = new SeqAllocator(redis, new SeqSectionStore(msgShards), settings.seqStep());
        this.unread = new UnreadCounter(redis, timeline, conversations, clock, settings.unreadLockWaitMillis());
        this.merger = new UnreadMerger(unread, settings.mergeMaxMessages(), settings.mergeMaxDelayMillis(),
                settings.mergeParallelism(), metrics);
        // Bounded: a full queue makes the draining thread write the chunk itself (back-pressure, no drop).
        this.writers = BoundedExecutors.create("fanout-writer", settings.fanoutWriters(), 64,
                new ThreadPoolExecutor.CallerRunsPolicy());
        // Large-group sends, recalls and group-event fan-outs wait for their conversation here, not on
        // Dubbo threads; a full queue answers BUSY.
        this.drains = BoundedExecutors.create("fanout-drain", settings.drainThreads(), 1000,
                new ThreadPoolExecutor.AbortPolicy());
        // Sync, read, recall and conversation lists: blocking store reads off the Dubbo threads.
        this.queries = BoundedExecutors.create("logic-query", settings.queryThreads(), settings.queryQueue(),
                new ThreadPoolExecutor.AbortPolicy());
        // Pushes and events after a batch; a full queue leaves the pushes to SYNC.
        this.after = BoundedExecutors.create("after-write", 2, 10_000, new ThreadPoolExecutor.AbortPolicy());
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fanout-sweeper");
            t.setDaemon(true);
            return t;
        });
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fanout-lock-keepalive");
            t.setDaemon(true);
            return t;
        });
        FanoutProcessor processor = new FanoutProcessor(jobs, messages, org, seqs, timeline, msgShards,
                unread, merger, settings.mergeFromMembers(), writers, clock, metrics);
        SendingSessions sending = new SendingSessions();
        AfterDelivery afterDelivery = new AfterDelivery(events, pusher, sending);
        ConvLocks locks = new ConvLocks(redis, laneSettings.lockTtlMillis());
        MessageRepair repair = new MessageRepair(messages, processor, afterDelivery);
        this.fanout = new ConversationFanout(locks, nodeId + "/fanout", repair::repair, jobs, processor,
                afterDelivery, settings.answerWaitMillis(), settings.staleMillis(), clock, sweeper, keepAlive);
        this.groupEvents = new GroupEventApplier(redis, ids, messages, fanout);
        SendDedup dedup = new SendDedup(redis);
        SendHandler largeGroupSends = new SendHandler(org, dedup, ids, messages, fanout, sending, clock);
        BatchWriter writer = new BatchWriter(msgShards, timeline, seqs);
        BatchFinisher finisher = new BatchFinisher(redis, dedup, locks, unread, merger, settings.mergeFromMembers(),
                events, pusher, after);
        this.lanes = new SendLanes(nodeId, laneSettings, org, org, ids, dedup, locks, writer, repair, finisher,
                (caller, request) -> Async.on(drains, () -> largeGroupSends.send(caller, request)), metrics,
                clock).start();
        this.endpoint = new MessageEndpoint(lanes,
                new SyncHandler(timeline, messages, seqs, settings.syncGapGraceMillis(), clock),
                new ReadHandler(unread, seqs, timeline, messages, events, org, conversations, clock),
                new RecallHandler(messages, org, fanout, clock),
                new ConversationListHandler(conversations, timeline, messages, unread), pusher, queries);
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
        lanes.close();
        sweeper.shutdown();
        fanout.close();
        keepAlive.shutdown();
        for (ThreadPoolExecutor pool : List.of(drains, queries, after)) {
            pool.shutdown();
        }
        merger.close();
        writers.shutdown();
        org.close();
        try {
            for (ThreadPoolExecutor pool : List.of(drains, queries, after, writers)) {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
            sweeper.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
