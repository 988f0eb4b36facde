package im.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import im.infra.config.ImConfig;
import im.infra.config.Namespace;
import im.infra.redis.RedissonFactory;
import im.infra.zk.CuratorFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.Redisson;

/**
 * Two namespaces on the same servers never see each other: every way our code reaches Redis
 * (objects, {@code RScript} keys, {@code RBatch} pipelines, pub/sub topics), RocketMQ (same topic and
 * consumer group names) and ZooKeeper (same paths). Checked against the raw servers, not only through
 * the namespaced clients.
 */
@ExtendWith(StackExtension.class)
class NamespaceIsolationIT {
    private static final String SCRIPT = "redis.call('set', KEYS[1], ARGV[1]); return redis.call('get', KEYS[1])";

    @Test
    void redis_shouldPrefixObjectsScriptKeysBatchesAndTopics_withTheNamespace(Stack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String a = "na" + run;
        String b = "nb" + run;
        RedissonClient redisA = RedissonFactory.create(stack.config().with(Namespace.KEY, a));
        RedissonClient redisB = RedissonFactory.create(stack.config().with(Namespace.KEY, b));
        RedissonClient raw = rawRedis(stack.config());
        String key = "im:it:" + run;
        try {
            redisA.getBucket(key + ":bucket", StringCodec.INSTANCE).set("a");
            redisA.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, SCRIPT, RScript.ReturnType.VALUE,
                    List.of(key + ":script"), "a");
            RBatch batch = redisA.createBatch();
            batch.getScript(StringCodec.INSTANCE).evalAsync(RScript.Mode.READ_WRITE, SCRIPT, RScript.ReturnType.VALUE,
                    List.of(key + ":batch-script"), "a");
            batch.getMap(key + ":batch-map", StringCodec.INSTANCE).fastPutAsync("f", "a");
            batch.execute();

            for (String suffix : List.of(":bucket", ":script", ":batch-script")) {
                assertThat(raw.getBucket(a + ":" + key + suffix, StringCodec.INSTANCE).get()).as(suffix).isEqualTo("a");
                assertThat(raw.getBucket(key + suffix, StringCodec.INSTANCE).isExists()).as(suffix).isFalse();
                assertThat(redisB.getBucket(key + suffix, StringCodec.INSTANCE).isExists()).as(suffix).isFalse();
            }
            assertThat(raw.getMap(a + ":" + key + ":batch-map", StringCodec.INSTANCE).get("f")).isEqualTo("a");
            assertThat(redisB.getMap(key + ":batch-map", StringCodec.INSTANCE).isExists()).isFalse();

            // pub/sub: a listener in namespace b never hears a's topic of the same name; a's own listener does
            CountDownLatch heardInA = new CountDownLatch(1);
            Set<String> heardInB = ConcurrentHashMap.newKeySet();
            Set<String> heardRaw = ConcurrentHashMap.newKeySet();
            RTopic topicA = redisA.getTopic(key + ":topic", StringCodec.INSTANCE);
            topicA.addListener(String.class, (channel, m) -> heardInA.countDown());
            redisB.getTopic(key + ":topic", StringCodec.INSTANCE).addListener(String.class, (c, m) -> heardInB.add(m));
            raw.getTopic(a + ":" + key + ":topic", StringCodec.INSTANCE).addListener(String.class,
                    (c, m) -> heardRaw.add(m));
            long receivers = topicA.publish("hello");
            assertThat(heardInA.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(receivers).isEqualTo(2); // a's listener and the raw one on the prefixed channel
            assertThat(heardInB).isEmpty();
        } finally {
            raw.getKeys().deleteByPattern(a + ":" + key + "*");
            redisA.shutdown();
            redisB.shutdown();
            raw.shutdown();
        }
    }

    @Test
    void rocketMq_shouldKeepTopicsAndGroupsOfTheSameName_apart(Stack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "IT_NS_" + run;
        String group = "it-ns-" + run;
        im.infra.mq.RocketMqFactory mqA = new im.infra.mq.RocketMqFactory(stack.namesrv(), new Namespace("na" + run),
                "it-ns-a-" + run);
        im.infra.mq.RocketMqFactory mqB = new im.infra.mq.RocketMqFactory(stack.namesrv(), new Namespace("nb" + run),
                "it-ns-b-" + run);
        DefaultMQProducer producerA = mqA.producer(group);
        DefaultMQProducer producerB = mqB.producer(group);
        Map<String, String> receivedByA = new ConcurrentHashMap<>();
        Map<String, String> receivedByB = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumerA = null;
        DefaultMQPushConsumer consumerB = null;
        try {
            // the first sends create both namespaced topics, so the consumers find their routes
            producerA.send(new Message(topic, "warm-a".getBytes(StandardCharsets.UTF_8)));
            producerB.send(new Message(topic, "warm-b".getBytes(StandardCharsets.UTF_8)));
            consumerA = mqA.consumer(group, topic, (msgs, ctx) -> record(msgs, receivedByA));
            consumerB = mqB.consumer(group, topic, (msgs, ctx) -> record(msgs, receivedByB));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while ((!receivedByA.containsKey("a-" + run) || !receivedByB.containsKey("b-" + run))
                    && System.nanoTime() < deadline) {
                producerA.send(new Message(topic, ("a-" + run).getBytes(StandardCharsets.UTF_8)));
                producerB.send(new Message(topic, ("b-" + run).getBytes(StandardCharsets.UTF_8)));
                Thread.sleep(1000);
            }
            assertThat(receivedByA).containsKey("a-" + run).doesNotContainKeys("b-" + run, "warm-b");
            assertThat(receivedByB).containsKey("b-" + run).doesNotContainKeys("a-" + run, "warm-a");
            // what the client hands back is the plain topic name: listeners that switch on it keep working
            assertThat(receivedByA.get("a-" + run)).isEqualTo(topic);
        } finally {
            if (consumerA != null) {
                consumerA.shutdown();
            }
            if (consumerB != null) {
                consumerB.shutdown();
            }
            producerA.shutdown();
            producerB.shutdown();
        }
    }

    @Test
    void zooKeeper_shouldRootEveryPathUnderImAndTheNamespace(Stack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ImConfig a = stack.config().with(Namespace.KEY, "na" + run);
        ImConfig b = stack.config().with(Namespace.KEY, "nb" + run);
        try (CuratorFramework zkA = CuratorFactory.create(a, 10_000, 5_000);
             CuratorFramework zkB = CuratorFactory.create(b, 10_000, 5_000)) {
            zkA.create().creatingParentsIfNeeded().forPath("/access/nodes/x", "a".getBytes(StandardCharsets.UTF_8));
            try {
                CuratorFramework absolute = zkA.usingNamespace(null);
                assertThat(new String(absolute.getData().forPath("/im/na" + run + "/access/nodes/x"),
                        StandardCharsets.UTF_8)).isEqualTo("a");
                assertThat(zkB.checkExists().forPath("/access/nodes/x")).isNull();
            } finally {
                // Curator creates a client's namespace node on its first call: both go
                for (String ns : List.of("na" + run, "nb" + run)) {
                    if (zkA.usingNamespace(null).checkExists().forPath("/im/" + ns) != null) {
                        zkA.usingNamespace(null).delete().deletingChildrenIfNeeded().forPath("/im/" + ns);
                    }
                }
            }
        }
    }

    private static ConsumeConcurrentlyStatus record(List<MessageExt> msgs, Map<String, String> into) {
        for (MessageExt m : msgs) {
            into.put(new String(m.getBody(), StandardCharsets.UTF_8), m.getTopic());
        }
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    }

    /** A client without a name mapper: the keys exactly as Redis holds them. */
    private static RedissonClient rawRedis(ImConfig c) {
        Config config = new Config();
        config.useSingleServer().setAddress(c.string("redis.address", "redis://127.0.0.1:6379"))
                .setConnectionPoolSize(2).setConnectionMinimumIdleSize(1);
        config.setNettyThreads(2);
        return Redisson.create(config);
    }
}
