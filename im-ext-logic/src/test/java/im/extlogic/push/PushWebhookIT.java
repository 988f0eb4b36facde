package im.extlogic.push;

import static im.extlogic.push.PushPipeline.PHONE;
import static im.extlogic.push.PushPipeline.await;
import static im.extlogic.push.PushPipeline.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import im.api.push.OfflinePushEvent;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Offline-push events published on the real RocketMQ topic reach a real local HTTP endpoint: merged
 * per user, retried with backoff through a provider
 * that fails and recovers (the circuit breaker in between), and dead-lettered when it never does.
 */
@ExtendWith(StackExtension.class)
class PushWebhookIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void webhook_shouldGetEveryNotificationOnce_whenItFailsThenRecovers(Stack stack) throws Exception {
        try (WebhookSink sink = new WebhookSink(); PushPipeline push = new PushPipeline(stack, sink)) {
            long chatty = newUser();
            long quiet1 = newUser();
            long quiet2 = newUser();
            sink.failNext.set(5); // more failures than the breaker tolerates: it opens, then recovers

            long first = push.publish(chatty, 77L, "Zhang San", PHONE);
            push.publish(chatty, 77L, "Zhang San", PHONE);
            push.publish(chatty, 77L, "Zhang San", PHONE);
            push.publish(quiet1, 78L, "Li Si", PHONE);
            push.publish(quiet2, 79L, "Wang Wu", PHONE);

            assertThat(await(WAIT, () -> sink.accepted(chatty) == 1 && sink.accepted(quiet1) == 1
                    && sink.accepted(quiet2) == 1)).as("every user notified").isTrue();
            assertThat(sink.failNext.get()).as("the endpoint really failed first").isZero();
            assertThat(push.counter("im.push.retried", "provider", "webhook")).isGreaterThanOrEqualTo(5);
            assertThat(push.counter("im.push.dead_lettered", "provider", "webhook")).isZero();
            // Let any stray retry run out before checking for duplicates (bounded by the retry contract).
            Thread.sleep(push.settings.maxBackoffMillis() * 2L);
            assertThat(sink.accepted(chatty)).as("no duplicate").isEqualTo(1);
            assertThat(sink.of(chatty)).filteredOn(h -> h.status() == 200).singleElement().satisfies(h -> {
                assertThat(h.key()).isEqualTo(chatty + "-" + first);
                assertThat(h.body()).contains("\"body\":\"3 new messages from Zhang San\"", "\"count\":3");
            });
            assertThat(sink.of(chatty).size()).as("tries within the retry contract")
                    .isLessThanOrEqualTo(push.settings.maxAttempts());
        }
    }

    @Test
    void notification_shouldGoToTheDeadLetterTopic_whenTheWebhookNeverRecovers(Stack stack) throws Exception {
        Map<String, String> dead = new ConcurrentHashMap<>();
        DefaultMQPushConsumer dlq = null;
        try (WebhookSink sink = new WebhookSink(); PushPipeline push = new PushPipeline(stack, sink)) {
            stack.rocketMq("it-dlq-" + push.run).producer("it-dlq-topic-" + push.run).send(
                    new Message(OfflinePushEvent.DEAD_LETTER_TOPIC, "it", "it-create-topic", new byte[] {1}));
            dlq = stack.rocketMq("it-dlq-" + push.run).consumer("it-dlq-" + push.run,
                    OfflinePushEvent.DEAD_LETTER_TOPIC, (msgs, ctx) -> {
                        for (MessageExt m : msgs) {
                            dead.put(m.getKeys(), new String(m.getBody(), StandardCharsets.UTF_8));
                        }
                        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                    });
            long unlucky = newUser();
            sink.failNext.set(Integer.MAX_VALUE);

            long msgId = push.publish(unlucky, 66L, "Nobody", PHONE);

            String key = unlucky + "-" + msgId;
            assertThat(await(WAIT, () -> dead.containsKey(key))).as("dead-lettered").isTrue();
            assertThat(dead.get(key)).contains("\"userId\":\"" + unlucky + "\"");
            assertThat(sink.accepted(unlucky)).isZero();
            assertThat(sink.of(unlucky).size()).as("the breaker spared the endpoint some tries")
                    .isLessThanOrEqualTo(push.settings.maxAttempts());
        } finally {
            if (dlq != null) {
                dlq.shutdown();
            }
        }
    }
}
