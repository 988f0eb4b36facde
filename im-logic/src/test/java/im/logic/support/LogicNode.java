package im.logic.support;

import im.infra.config.ImConfig;
import im.infra.db.PhysicalShards;
import im.logic.LogicSettings;
import im.logic.MessagingCore;
import im.logic.event.EventPublisher;
import im.logic.id.MsgIdGenerator;
import im.logic.id.ZkWorkerLease;
import im.logic.lane.LaneSettings;
import im.logic.push.Pusher;
import im.testkit.Stack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.rocketmq.client.producer.DefaultMQProducer;

/**
 * One im-logic node inside a test JVM: the production object graph ({@link MessagingCore}) over the
 * real sharded MariaDB, Redis, ZooKeeper (its own session and worker lease) and RocketMQ. Its clock
 * is the system clock plus an offset that tests move forward.
 */
public final class LogicNode implements AutoCloseable {
    private final CuratorFramework zk;
    private final ZkWorkerLease lease;
    private final DefaultMQProducer producer;
    private final PhysicalShards shards;
    private final MessagingCore core;
    private final AtomicLong clockOffset = new AtomicLong();

    public LogicNode(Stack stack, String name, TestOrg org, Map<String, String> overrides) throws Exception {
        ImConfig config = stack.config();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            config = config.with(e.getKey(), e.getValue());
        }
        org.announceTo(stack.redisson());
        this.zk = stack.newCurator();
        this.lease = ZkWorkerLease.acquire(zk, name);
        this.producer = stack.rocketMq(name).producer("im-logic-test-" + name);
        LaneSettings lanes = LaneSettings.from(config);
        this.shards = PhysicalShards.pooled(stack.layout("msg"), "test-lanes-" + name, lanes.lanes() + 6);
        this.core = new MessagingCore(name, LogicSettings.from(config), lanes,
                stack.sharded("msg"), stack.layout("msg").tableCount(), shards, stack.redisson(),
                new MsgIdGenerator(lease, this::now), org, org,
                new EventPublisher(producer, new SimpleMeterRegistry()), Pusher.NONE,
                new SimpleMeterRegistry(), this::now);
    }

    /** The node's {@code MessageService}, each call waiting for its answer. */
    public BlockingMessages api() {
        return new BlockingMessages(core.endpoint());
    }

    public MessagingCore core() {
        return core;
    }

    public long now() {
        return System.currentTimeMillis() + clockOffset.get();
    }

    /** Moves this node's clock forward, e.g. past the recall window. */
    public void advanceClock(long millis) {
        clockOffset.addAndGet(millis);
    }

    @Override
    public void close() {
        core.close();
        shards.close();
        producer.shutdown();
        lease.close();
        zk.close();
    }
}
