package im.access.session;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageService;
import im.api.message.SendBatch;
import im.api.message.SessionCaller;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendBatcherTest {
    private static final SessionCaller CALLER = new SessionCaller(1, 2, "d", 1, 3);

    /** im-logic as calls that stay open until the test answers them. */
    private final List<CompletableFuture<byte[][]>> calls = new ArrayList<>();
    private final List<SendBatch> batches = new ArrayList<>();
    private final MessageService logic = (MessageService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {MessageService.class}, (proxy, method, args) -> {
                if (!method.getName().equals("sendBatch")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                CompletableFuture<byte[][]> call = new CompletableFuture<>();
                calls.add(call);
                batches.add((SendBatch) args[0]);
                return call;
            });

    @Test
    void sendsWhileTheRouteIsBusy_shouldGoTogetherInTheNextCall() {
        SendBatcher batcher = new SendBatcher(() -> logic, TimeUnit.SECONDS.toNanos(60));
        CompletableFuture<byte[]> a = batcher.submit(CALLER, 7, new byte[] {1});
        CompletableFuture<byte[]> b = batcher.submit(CALLER, 7, new byte[] {2});
        CompletableFuture<byte[]> c = batcher.submit(CALLER, 7, new byte[] {3});
        CompletableFuture<byte[]> d = batcher.submit(CALLER, 7, new byte[] {4});
        assertThat(calls).as("two calls open per route").hasSize(2);

        calls.get(0).complete(new byte[][] {{10}});

        assertThat(a.join()).containsExactly(10);
        assertThat(batches).hasSize(3);
        assertThat(batches.get(2).requests()).as("what waited goes in one call, in order")
                .isDeepEqualTo(new byte[][] {{3}, {4}});
        calls.get(2).complete(new byte[][] {{30}, {40}});
        assertThat(c.join()).containsExactly(30);
        assertThat(d.join()).containsExactly(40);
        assertThat(b).isNotDone();
    }

    @Test
    void aSendThatWaitedLongerThanTheLimit_shouldBeAnsweredBusy_andNotSent() throws Exception {
        SendBatcher batcher = new SendBatcher(() -> logic, TimeUnit.MILLISECONDS.toNanos(1));
        batcher.submit(CALLER, 7, new byte[] {1});
        batcher.submit(CALLER, 7, new byte[] {2});
        CompletableFuture<byte[]> late = batcher.submit(CALLER, 7, new byte[] {3});
        Thread.sleep(20); // longer than the limit behind two open calls

        calls.get(0).complete(new byte[][] {{10}});
        CompletableFuture<byte[]> fresh = batcher.submit(CALLER, 7, new byte[] {4});

        assertThat(late).isCompletedExceptionally();
        try {
            late.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(ImException.class);
            assertThat(((ImException) e.getCause()).code()).isEqualTo(ErrorCode.BUSY);
        }
        assertThat(batches).as("the late send was never sent").hasSize(3);
        assertThat(batches.get(2).requests()).isDeepEqualTo(new byte[][] {{4}});
        assertThat(fresh).isNotDone();
    }
}
