package im.extlogic.push;

import im.api.push.OfflinePushCodec;
import im.api.push.OfflinePushEvent;
import im.api.push.PushDevice;
import im.infra.config.ImConfig;
import im.testkit.Stack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

/**
 * Offline push wired as {@code ExtLogicBootstrap} wires it, against the real RocketMQ and Redis,
 * delivering to a {@link WebhookSink}; its own consumer group and breaker resource so that runs
 * never share state. The constructor proves the consumer receives before returning.
 */
final class PushPipeline implements AutoCloseable {
    static final List<PushDevice> PHONE = List.of(new PushDevice("phone-1", 2));

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final PushSettings settings;
    final PushPreferences preferences;
    private final DefaultMQProducer producer;
    private final DefaultMQProducer deadLetters;
    private final PushDispatcher dispatcher;
    private final PushMerger merger;
    private final DefaultMQPushConsumer consumer;
    private long msgIds = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);

    PushPipeline(Stack stack, WebhookSink sink) throws Exception {
        ImConfig config = stack.config().with("push.consumer.group", "it-push-" + run)
                .with("push.webhook.url", sink.url().toString())
                .with("push.merge-window.ms", "500")
                .with("push.retry.max-attempts", "8")
                .with("push.retry.initial-backoff.ms", "200")
                .with("push.retry.max-backoff.ms", "1000")
                .with("push.breaker.error-count", "3")
                .with("push.breaker.open-seconds", "1");
        settings = PushSettings.from(config);
        preferences = new PushPreferences(stack.redisson());
        PushProvider guarded = new CircuitBreakingProvider(new WebhookPushProvider(settings.webhookUrl().orElseThrow(),
                Duration.ofMillis(settings.connectTimeoutMillis()), Duration.ofMillis(settings.requestTimeoutMillis())),
                "it-push-" + run, settings.breakerErrors(), settings.breakerOpenSeconds());
        producer = stack.rocketMq("it-push-" + run).producer("it-push-producer-" + run);
        deadLetters = stack.rocketMq("it-push-" + run).producer("it-push-dlq-" + run);
        dispatcher = new PushDispatcher(guarded, deadLetters, settings, metrics);
        merger = new PushMerger(settings.mergeWindowMillis(), settings.maxPendingUsers(), dispatcher::dispatch);
        consumer = stack.rocketMq("it-push-" + run).consumer(settings.consumerGroup(), OfflinePushEvent.TOPIC,
                new OfflinePushListener(preferences, merger, Clock.systemUTC(), metrics));

        long warmUser = newUser();
        publish(warmUser, 1L, "warm", PHONE);
        if (!await(Duration.ofSeconds(60), () -> sink.accepted(warmUser) == 1)) {
            close();
            throw new IllegalStateException("the push consumer did not start receiving");
        }
    }

    static long newUser() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 1L << 40);
    }

    /** Publishes one offline-push event for {@code userId} from {@code from}; answers its msg id. */
    long publish(long userId, long from, String fromName, List<PushDevice> devices) throws Exception {
        long msgId = ++msgIds;
        OfflinePushEvent e = new OfflinePushEvent(msgId, 3L, userId, 1, from, from, fromName, "hello " + msgId,
                System.currentTimeMillis(), false, devices);
        SendStatus status = producer.send(new Message(OfflinePushEvent.TOPIC, "SINGLE", Long.toString(userId),
                OfflinePushCodec.encode(e))).getSendStatus();
        if (status != SendStatus.SEND_OK) {
            throw new IllegalStateException("publish failed: " + status);
        }
        return msgId;
    }

    double counter(String name, String... tags) {
        return metrics.counter(name, tags).count();
    }

    static boolean await(Duration max, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() {
        consumer.shutdown();
        merger.close();
        dispatcher.close();
        producer.shutdown();
        deadLetters.shutdown();
    }
}
