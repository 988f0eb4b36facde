package im.extlogic.archive;

import static im.extlogic.archive.ArchivePipeline.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageRecalledEvent;
import im.api.message.MessageSentEvent;
import im.api.search.MessageHit;
import im.api.search.MessagePage;
import im.api.search.MessageQuery;
import im.api.search.SearchCaller;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Message events published on the real RocketMQ topics become searchable in the real
 * Elasticsearch through the archive consumers, and search answers only what the caller may see.
 * Every wait is a bounded poll; nothing asserts on elapsed time.
 */
@ExtendWith(StackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveSearchIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SINGLE = 1;
    private static final int GROUP = 2;

    private ArchivePipeline pipeline;
    private final AtomicLong msgIds = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50));

    @BeforeAll
    void start(Stack stack) throws Exception {
        pipeline = new ArchivePipeline(stack);
    }

    @AfterAll
    void stop() throws Exception {
        pipeline.close();
    }

    private static long newTenant() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 1L << 40);
    }

    private MessageSentEvent sent(long tenant, int convType, long convId, long from, long time, String text,
                                  List<Long> recipients) {
        return new MessageSentEvent(msgIds.incrementAndGet(), tenant, convType, convId, from, time, 1, text,
                convType == SINGLE, recipients, List.of());
    }

    private MessagePage own(long tenant, long user, MessageQuery q) {
        try {
            return pipeline.search.searchOwn(new SearchCaller(tenant, user), q);
        } catch (ImException e) {
            throw new IllegalStateException(e);
        }
    }

    private MessagePage admin(long tenant, long user, MessageQuery q) {
        try {
            return pipeline.search.searchTenant(new SearchCaller(tenant, user), q);
        } catch (ImException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> ids(MessagePage page) {
        return page.hits().stream().map(MessageHit::msgId).toList();
    }

    @Test
    void sentMessage_shouldBeFoundByLatinAndCjkWord_withinSeconds() throws Exception {
        long tenant = newTenant();
        MessageSentEvent e = sent(tenant, SINGLE, 2L, 1L, System.currentTimeMillis(),
                "Deploy the Kafka bridge: 分布式事务中间件测试 tonight", List.of(2L));
        pipeline.publish(e);

        assertThat(await(WAIT, () -> ids(own(tenant, 2L, MessageQuery.of("kafka"))).contains(e.msgId())))
                .as("found by a Latin word, case-insensitively").isTrue();
        MessagePage cjk = own(tenant, 1L, MessageQuery.of("事务中间件"));
        assertThat(ids(cjk)).containsExactly(e.msgId());
        assertThat(cjk.hits().get(0).highlight()).contains("<em>事</em>");
        assertThat(cjk.hits().get(0).convId()).as("the sender's side of the single chat").isEqualTo(2L);
        assertThat(own(tenant, 2L, MessageQuery.of("kafka")).hits().get(0).convId())
                .as("the recipient's side of the single chat").isEqualTo(1L);
        assertThat(own(tenant, 1L, MessageQuery.of("事务测试")).total()).as("CJK characters out of order")
                .isZero();
    }

    @Test
    void recall_shouldHideFromEmployees_andFlagForAdmins() throws Exception {
        long tenant = newTenant();
        MessageSentEvent e = sent(tenant, GROUP, 500L, 1L, System.currentTimeMillis(), "quarterly revenue 季度收入",
                List.of(2L, 3L));
        pipeline.publish(e);
        assertThat(await(WAIT, () -> own(tenant, 3L, MessageQuery.of("revenue")).total() == 1)).isTrue();

        pipeline.publish(new MessageRecalledEvent(e.msgId(), tenant, GROUP, 500L, 1L, System.currentTimeMillis()));

        assertThat(await(WAIT, () -> own(tenant, 3L, MessageQuery.of("revenue")).total() == 0))
                .as("gone from employee search").isTrue();
        assertThat(own(tenant, 1L, MessageQuery.of("季度收入")).total()).as("also for the sender").isZero();
        MessagePage forAdmin = admin(tenant, 99L, MessageQuery.of("季度收入"));
        assertThat(forAdmin.hits()).singleElement().satisfies(h -> {
            assertThat(h.msgId()).isEqualTo(e.msgId());
            assertThat(h.recalled()).isTrue();
            assertThat(h.text()).contains("quarterly revenue");
        });

        pipeline.publish(e); // a redelivered send after the recall must not bring the message back
        MessageSentEvent marker = sent(tenant, GROUP, 500L, 1L, System.currentTimeMillis(), "marker revenue", List.of(3L));
        pipeline.publish(marker);
        assertThat(await(WAIT, () -> ids(own(tenant, 3L, MessageQuery.of("marker"))).contains(marker.msgId())))
                .isTrue();
        assertThat(ids(own(tenant, 3L, MessageQuery.of("revenue")))).containsExactly(marker.msgId());
    }

    @Test
    void employeeSearch_shouldReturnOnlyTheCallersConversations() throws Exception {
        long tenant = newTenant();
        long otherTenant = newTenant();
        long t0 = System.currentTimeMillis() - 60_000;
        MessageSentEvent aToB = sent(tenant, SINGLE, 2L, 1L, t0, "budget draft", List.of(2L));
        MessageSentEvent bToA = sent(tenant, SINGLE, 1L, 2L, t0 + 1, "budget approved", List.of(1L));
        MessageSentEvent aToC = sent(tenant, SINGLE, 3L, 1L, t0 + 2, "budget secret", List.of(3L));
        MessageSentEvent inGroup = sent(tenant, GROUP, 700L, 3L, t0 + 3, "budget for the group", List.of(1L, 4L));
        MessageSentEvent otherTenantSameIds = sent(otherTenant, SINGLE, 2L, 1L, t0 + 4, "budget elsewhere",
                List.of(2L));
        for (MessageSentEvent e : List.of(aToB, bToA, aToC, inGroup, otherTenantSameIds)) {
            pipeline.publish(e);
        }
        assertThat(await(WAIT, () -> admin(tenant, 99L, MessageQuery.of("budget")).total() == 4
                && admin(otherTenant, 99L, MessageQuery.of("budget")).total() == 1)).isTrue();

        assertThat(ids(own(tenant, 1L, MessageQuery.of("budget"))))
                .as("newest first, every conversation of user 1 and nothing else")
                .containsExactly(inGroup.msgId(), aToC.msgId(), bToA.msgId(), aToB.msgId());
        assertThat(ids(own(tenant, 2L, MessageQuery.of("budget")))).containsExactly(bToA.msgId(), aToB.msgId());
        assertThat(ids(own(tenant, 4L, MessageQuery.of("budget")))).containsExactly(inGroup.msgId());
        assertThat(own(tenant, 5L, MessageQuery.of("budget")).total()).as("not in any conversation").isZero();

        assertThat(ids(own(tenant, 1L, new MessageQuery("budget", SINGLE, 2L, 0, 0, 0, 1, 20))))
                .as("the single chat with user 2, both directions").containsExactly(bToA.msgId(), aToB.msgId());
        assertThat(ids(own(tenant, 2L, new MessageQuery("budget", GROUP, 700L, 0, 0, 0, 1, 20))))
                .as("a group user 2 is not in").isEmpty();
        assertThat(ids(own(tenant, 1L, new MessageQuery("budget", 0, 0, 2L, 0, 0, 1, 20))))
                .as("sender filter").containsExactly(bToA.msgId());
        assertThat(ids(own(tenant, 1L, new MessageQuery("budget", 0, 0, 0, t0 + 1, t0 + 3, 1, 20))))
                .as("time range [from, to)").containsExactly(aToC.msgId(), bToA.msgId());
        MessagePage second = own(tenant, 1L, new MessageQuery("budget", 0, 0, 0, 0, 0, 2, 3));
        assertThat(second.total()).isEqualTo(4);
        assertThat(ids(second)).as("page 2 of size 3").containsExactly(aToB.msgId());

        assertThat(ids(admin(tenant, 99L, new MessageQuery("budget", SINGLE, 3L, 0, 0, 0, 1, 20))))
                .as("admin: single chats with user 3 as a participant").containsExactly(aToC.msgId());
    }

    @Test
    void search_shouldAnswerBadRequest_whenQueryInvalid() {
        SearchCaller caller = new SearchCaller(1L, 1L);
        for (MessageQuery bad : List.of(MessageQuery.of("  "), new MessageQuery("x", 0, 0, 0, 0, 0, 0, 101),
                new MessageQuery("x", 0, 0, 0, 0, 0, -1, 20), new MessageQuery("x", 0, 5L, 0, 0, 0, 1, 20),
                new MessageQuery("x", 0, 0, 0, 10L, 5L, 1, 20), new MessageQuery("x", 0, 0, 0, 0, 0, 101, 100))) {
            assertThatThrownBy(() -> pipeline.search.searchOwn(caller, bad)).isInstanceOf(ImException.class)
                    .extracting(ex -> ((ImException) ex).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        }
        assertThatThrownBy(() -> pipeline.search.searchTenant(new SearchCaller(0L, 1L), MessageQuery.of("x")))
                .isInstanceOf(ImException.class).extracting(ex -> ((ImException) ex).code())
                .isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void retention_shouldDropOnlyMonthsOlderThanTheRetentionAge() throws Exception {
        long tenant = newTenant();
        long old = java.time.Instant.parse("2020-01-15T00:00:00Z").toEpochMilli();
        MessageSentEvent ancient = sent(tenant, SINGLE, 2L, 1L, old, "ancient history", List.of(2L));
        MessageSentEvent fresh = sent(tenant, SINGLE, 2L, 1L, System.currentTimeMillis(), "fresh history",
                List.of(2L));
        pipeline.archiver.submit(List.of(new ArchiveOp.Index(ancient), new ArchiveOp.Index(fresh)))
                .get(60, java.util.concurrent.TimeUnit.SECONDS);

        List<String> dropped = new ArchiveRetention(pipeline.es, pipeline.indices, 180, java.time.Clock.systemUTC())
                .dropExpired();

        assertThat(dropped).containsExactly(pipeline.indices.indexFor(old));
        assertThat(await(WAIT, () -> admin(tenant, 99L, MessageQuery.of("history")).total() == 1)).isTrue();
        assertThat(ids(admin(tenant, 99L, MessageQuery.of("history")))).containsExactly(fresh.msgId());
    }
}
