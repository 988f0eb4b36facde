package im.logic;

import im.api.access.AccessPushService;
import im.api.access.PushDeliveryListener;
import im.api.message.MessageService;
import im.api.org.AuthorizationService;
import im.api.org.DirectoryService;
import im.api.org.GroupEvent;
import im.api.org.GroupService;
import im.api.redpacket.RedPacketChat;
import im.infra.db.DatabaseLayout;
import im.infra.db.JdbcHealth;
import im.infra.db.PhysicalShards;
import im.infra.db.ShardingDataSourceFactory;
import im.infra.dubbo.DubboNode;
import im.infra.health.TcpHealth;
import im.infra.mq.RocketMqFactory;
import im.infra.redis.RedisHealth;
import im.infra.redis.RedissonFactory;
import im.infra.route.RouteTable;
import im.infra.route.UserPusher;
import im.infra.service.BoundedExecutors;
import im.infra.service.ServiceHost;
import im.infra.zk.CuratorFactory;
import im.logic.event.EventPublisher;
import im.logic.group.GroupEventListener;
import im.logic.id.MsgIdGenerator;
import im.logic.id.ZkWorkerLease;
import im.logic.lane.LaneSettings;
import im.logic.push.AccessPusher;
import im.logic.push.OfflineNotifier;
import im.logic.push.SenderNames;
import im.logic.push.Pusher;
import im.logic.redpacket.RedPacketListener;
import im.logic.redpacket.RedPacketPoster;
import im.logic.send.OrgPorts;
import java.util.concurrent.ThreadPoolExecutor;
import javax.sql.DataSource;
import org.apache.curator.framework.CuratorFramework;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.redisson.api.RedissonClient;

/**
 * Composition root of im-logic: send, write fan-out over the sharded {@code msg} database,
 * per-user seq streams, sync, recall, conversations and unread. Calls im-org-service for the send
 * check and group members; exports {@link MessageService} in group {@code im-logic}.
 * {@code java -jar im-logic.jar deploy/config/im-logic.properties}.
 *
 * <p>New entries are pushed through the access nodes holding the members' devices; members no device
 * was reached for, and pushes the access nodes report unacknowledged ({@code PushDeliveryListener},
 * exported in group {@code im-logic}), become offline-push events.
 */
public final class LogicBootstrap {
    /** The Dubbo group im-org-service exports its services in. */
    private static final String ORG_GROUP = "im-org-service";

    private LogicBootstrap() {
    }

    public static void main(String[] args) {
        ServiceHost.run("im-logic", args, host -> {
            LogicSettings settings = LogicSettings.from(host.config());

            DatabaseLayout msgLayout = DatabaseLayout.from(host.config(), "msg");
            DataSource msgDb = ShardingDataSourceFactory.create(msgLayout,
                    host.config().intValue("db.pool.size", 16, 1, 256));
            host.lifecycle().register("db-msg", (AutoCloseable) msgDb);
            LaneSettings lanes = LaneSettings.from(host.config());
            // the send lanes and the fan-out writers write straight into the physical tables (im.logic.lane)
            PhysicalShards msgShards = host.lifecycle().register("db-msg-lanes",
                    PhysicalShards.pooled(msgLayout, "db-msg-lanes", lanes.lanes() + settings.fanoutWriters() + 2));
            RedissonClient redis = RedissonFactory.create(host.config());
            host.lifecycle().register("redis", redis::shutdown);
            String namesrv = host.config().string("rocketmq.namesrv");
            RocketMqFactory mq = RocketMqFactory.from(host.config(), host.settings().instanceId());
            DefaultMQProducer producer = mq.producer("im-logic-producer");
            host.lifecycle().register("rocketmq-producer", producer::shutdown);
            CuratorFramework zk = CuratorFactory.create(host.config(), 15_000, 10_000);
            host.lifecycle().register("zookeeper", zk);
            ZkWorkerLease lease = host.lifecycle().register("msg-id-lease",
                    ZkWorkerLease.acquire(zk, host.settings().instanceId()));

            DubboNode.Reference<AuthorizationService> authorization =
                    host.dubbo().reference(AuthorizationService.class, ORG_GROUP);
            DubboNode.Reference<GroupService> groups = host.dubbo().reference(GroupService.class, ORG_GROUP);

            // Offline-push lookups (Redis) and event publishing, off the fan-out and Dubbo threads.
            ThreadPoolExecutor offlinePool = BoundedExecutors.create("offline-push", 2, 10_000);
            host.lifecycle().register("offline-push-pool", offlinePool::shutdown);
            EventPublisher events = new EventPublisher(producer, host.metrics());
            RouteTable routes = RouteTable.reader(redis);
            OfflineNotifier offline = new OfflineNotifier(routes, events, new SenderNames(
                    host.dubbo().reference(DirectoryService.class, ORG_GROUP)::get, System::currentTimeMillis));
            Pusher pusher = new AccessPusher(new UserPusher(routes, address -> host.dubbo().directReference(
                    AccessPushService.class, UserPusher.ACCESS_GROUP, address), host.metrics()), offline, offlinePool);

            MessagingCore core = host.lifecycle().register("messaging", new MessagingCore(
                    host.settings().instanceId(), settings, lanes, msgDb, msgLayout.tableCount(), msgShards, redis,
                    new MsgIdGenerator(lease, System::currentTimeMillis),
                    OrgPorts.authorizer(authorization::get), OrgPorts.members(groups::get),
                    events, pusher, host.metrics(),
                    System::currentTimeMillis));
            // Every exported method returns at once (sends to the lanes, the rest to bounded pools), so
            // requests run on the I/O threads, in the order each gateway connection sent them.
            host.dubbo().directDispatch().export(MessageService.class, core.endpoint(), "im-logic");
            host.dubbo().export(PushDeliveryListener.class, core.undeliveredListener(offline, offlinePool), "im-logic");
            // Group membership events from im-org-service become GROUP_EVENT entries (issue 6). One consumer
            // group per deployment (Dubbo registry group): a process of another deployment on the same broker
            // must not take this one's events, since it would look the groups up in another org service.
            String groupEventConsumer = host.config().string("group-event.consumer.group",
                    GroupEventListener.CONSUMER_GROUP + "-" + host.settings().registryGroup());
            DefaultMQPushConsumer groupEvents = mq.orderlyConsumer(groupEventConsumer, GroupEvent.TOPIC,
                    new GroupEventListener(core.groupEvents(), host.dubbo()::isStarted));
            host.lifecycle().register("group-event-consumer", groupEvents::shutdown);
            host.lifecycle().register("redpacket-consumer", mq.consumer(RedPacketListener.CONSUMER_GROUP + "-"
                    + host.settings().registryGroup(), RedPacketChat.TOPIC, new RedPacketListener(
                    new RedPacketPoster(core.endpoint()::send), host.dubbo()::isStarted))::shutdown);

            host.admin().addCheck("db-msg", JdbcHealth.of(msgDb))
                    .addCheck("redis", RedisHealth.of(redis))
                    .addCheck("rocketmq-namesrv", TcpHealth.of(namesrv))
                    .addCheck("msg-id-lease", () -> {
                        int worker = lease.workerId();
                        if (worker < 0) {
                            throw new IllegalStateException("no message-id worker id leased");
                        }
                        return "worker " + worker;
                    });
            host.callsService("im-org-service");
        });
    }
}
