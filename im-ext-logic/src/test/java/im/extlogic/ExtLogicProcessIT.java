package im.extlogic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageEventCodec;
import im.api.message.MessageSentEvent;
import im.api.message.MessageTopics;
import im.api.search.MessageHit;
import im.api.search.MessagePage;
import im.api.search.MessageQuery;
import im.api.search.SearchCaller;
import im.api.search.SearchService;
import im.infra.config.CommonSettings;
import im.infra.dubbo.DubboNode;
import im.testkit.ServiceProcess;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.elasticsearch.action.admin.indices.delete.DeleteIndexRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.indices.DeleteComposableIndexTemplateRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service jar as built, started as its own process with its composition root: a message event
 * published on RocketMQ becomes findable through the Dubbo {@link SearchService} it exports, and a
 * bad query comes back over Dubbo as {@code ImException(BAD_REQUEST)} while the process lives on.
 * Its own registry group, index prefix and consumer groups keep it apart from a running stack.
 */
@ExtendWith(StackExtension.class)
class ExtLogicProcessIT {

    @Test
    @SuppressWarnings("deprecation") // the high-level REST client, for cleanup
    void publishedMessage_shouldBeFoundThroughDubbo_whenTheServiceRunsAsAProcess(Stack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "it-process-" + run;
        Map<String, String> env = Map.of("IM_DUBBO_REGISTRY_GROUP", "ext-it-" + run,
                "IM_ARCHIVE_INDEX_PREFIX", prefix,
                "IM_ARCHIVE_CONSUMER_GROUP", "it-process-archive-" + run,
                "IM_PUSH_CONSUMER_GROUP", "it-process-push-" + run);
        long tenant = ThreadLocalRandom.current().nextLong(1_000_000, 1L << 40);
        MessageSentEvent event = new MessageSentEvent(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50),
                tenant, 2, 300L, 1L, System.currentTimeMillis(), 1, "process wiring 进程装配", false,
                List.of(2L, 3L), List.of());
        DubboNode client = null;
        DefaultMQProducer producer = null;
        try (ServiceProcess ext = ServiceProcess.start(stack.repoRoot(), "im-ext-logic", "im-ext-logic-it-" + run,
                env)) {
            ext.awaitHealthy(Duration.ofSeconds(90));
            client = new DubboNode(new CommonSettings("im-ext-logic-it", "im-ext-logic-it-client", "127.0.0.1", 1, 1,
                    stack.zkAddress(), stack.namespace(), "ext-it-" + run, 5000));
            DubboNode.Reference<SearchService> search = client.reference(SearchService.class, "im-ext-logic");
            client.start();
            producer = stack.rocketMq("it-process-" + run).producer("it-process-producer-" + run);
            producer.send(new Message(MessageTopics.MESSAGE_SENT, "GROUP", Long.toString(event.msgId()),
                    MessageEventCodec.encode(event)));

            MessagePage page = awaitHits(search, new SearchCaller(tenant, 3L), MessageQuery.of("进程装配"));

            assertThat(page.hits()).extracting(MessageHit::msgId).containsExactly(event.msgId());
            assertThatThrownBy(() -> search.get().searchOwn(new SearchCaller(tenant, 3L), MessageQuery.of(" ")))
                    .isInstanceOfSatisfying(ImException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
            assertThat(ext.isAlive()).isTrue();
        } finally {
            if (client != null) {
                client.close();
            }
            if (producer != null) {
                producer.shutdown();
            }
            try {
                stack.elasticsearch().indices().delete(new DeleteIndexRequest(prefix + "-*"), RequestOptions.DEFAULT);
                stack.elasticsearch().indices().deleteIndexTemplate(new DeleteComposableIndexTemplateRequest(prefix),
                        RequestOptions.DEFAULT);
            } catch (IOException | RuntimeException e) {
                System.err.println("ExtLogicProcessIT: cleanup failed: " + e);
            }
        }
    }

    /** Providers are learnt from ZooKeeper and the archive trails the send: retry, bounded. */
    private static MessagePage awaitHits(DubboNode.Reference<SearchService> search, SearchCaller caller,
                                         MessageQuery q) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                MessagePage page = search.get().searchOwn(caller, q);
                if (!page.hits().isEmpty()) {
                    return page;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("nothing found through Dubbo within 60 s", last);
    }
}
