package im.systemtest.client;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.protocol.ContentType;
import im.api.protocol.ConvType;
import im.api.protocol.Message;
import im.api.protocol.Platform;
import im.api.protocol.SendReq;
import im.api.protocol.SendResp;
import im.api.protocol.SyncResp;
import im.client.Endpoint;
import im.client.ImClient;
import im.client.ImClientOptions;
import im.client.ImListener;
import im.testkit.Stack;
import im.testkit.StackExtension;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SDK ({@link ImClient}) against the real gateway: im-org-service, im-logic and two im-access
 * nodes as separate processes. Node 0 is ordinary and is stopped by the reconnect test; node 1
 * writes at most one unacknowledged push per connection ({@code gateway.push.max-unacked=1}), so a
 * burst of messages leaves holes in what it pushes that only the SDK's gap-triggered SYNC can fill.
 */
@ExtendWith(StackExtension.class)
class SdkAgainstGatewayIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static RealStack stack;
    private static EventLoopGroup loops;
    private final List<ImClient> clients = new ArrayList<>();

    @BeforeAll
    static void startServices(Stack s) throws Exception {
        stack = RealStack.start(s, "sdk-it", List.of(Map.of(), Map.of("IM_GATEWAY_PUSH_MAX_UNACKED", "1")));
        loops = ImClient.newEventLoopGroup(2, "sdk-it");
    }

    @AfterAll
    static void stopServices() {
        if (loops != null) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ImClient::close);
    }

    /** What one device saw, recorded from its listener. */
    private static final class Recorder implements ImListener {
        final List<Message> messages = new CopyOnWriteArrayList<>();
        final BlockingQueue<Integer> kicks = new LinkedBlockingQueue<>();
        final List<ImClient.State> states = new CopyOnWriteArrayList<>();
        final AtomicInteger syncs = new AtomicInteger();
        /** A slow application: holds the client's event loop this long per batch, so its acks lag. */
        volatile long slowMillis;

        @Override
        public void onMessages(List<Message> batch) {
            messages.addAll(batch);
            if (slowMillis > 0) {
                try {
                    Thread.sleep(slowMillis); // deliberately against the listener's contract
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void onKickout(int reason, String message) {
            kicks.add(reason);
        }

        @Override
        public void onStateChange(ImClient.State state) {
            states.add(state);
        }

        @Override
        public void onSynced(long maxSeq) {
            syncs.incrementAndGet();
        }

        List<Message> texts(String prefix) {
            return messages.stream().filter(m -> m.getText().startsWith(prefix)).toList();
        }
    }

    private ImClient device(Recorder recorder, RealStack.User user, Platform platform, long initialMaxSeq,
                            Endpoint... endpoints) throws Exception {
        return device(loops, recorder, user, platform, initialMaxSeq, endpoints);
    }

    private ImClient device(EventLoopGroup group, Recorder recorder, RealStack.User user, Platform platform,
                            long initialMaxSeq, Endpoint... endpoints) throws Exception {
        ImClientOptions options = ImClientOptions.defaults(ImClientOptions.Transport.TCP)
                .withReconnect(Duration.ofMillis(100), Duration.ofSeconds(2));
        ImClient c = new ImClient(options, group, recorder, initialMaxSeq);
        clients.add(c);
        c.connect(List.of(endpoints), user.token(), user.account() + "-" + platform, platform)
                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        return c;
    }

    /** Sends until the gateway has found im-logic (1503 stores nothing, so a retry cannot duplicate). */
    private static SendResp send(ImClient c, SendReq req) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            SendResp r = c.send(req).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            if (r.getCode() != 1503 || System.nanoTime() > deadline) {
                assertThat(r.getCode()).as("send answer: %s", r.getMessage()).isZero();
                return r;
            }
            Thread.sleep(300);
        }
    }

    private static SendReq text(long to, String text, String clientMsgId) {
        return SendReq.newBuilder().setClientMsgId(clientMsgId).setConvType(ConvType.SINGLE).setToId(to)
                .setContentType(ContentType.TEXT).setText(text).build();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void client_shouldLogInOnTheNextNode_andSyncWhatItMissed_afterTheServerClosesItsConnection() throws Exception {
        RealStack.User alice = stack.newUser("alice-" + unique());
        RealStack.User bob = stack.newUser("bob-" + unique());
        Recorder seen = new Recorder();
        ImClient bobDevice = device(seen, bob, Platform.DESKTOP, 0, stack.access(0).endpoint(),
                stack.access(1).endpoint());
        ImClient aliceDevice = device(new Recorder(), alice, Platform.DESKTOP, ImClient.FROM_FIRST_LOGIN,
                stack.access(1).endpoint());
        send(aliceDevice, text(bob.id(), "before-1", unique()));
        await("bob has the first message", () -> seen.texts("before-").size() == 1);

        stack.access(0).process().close(); // SIGTERM: the node closes every connection as it stops
        await("bob's device noticed", () -> seen.states.contains(ImClient.State.DISCONNECTED));
        send(aliceDevice, text(bob.id(), "while-away", unique()));
        await("bob's device logged in again", () -> bobDevice.state().join() == ImClient.State.LOGGED_IN);

        await("bob has the message sent while he was away", () -> seen.texts("while-away").size() == 1);
        assertThat(seen.messages).extracting(Message::getText).containsExactly("before-1", "while-away");
        assertThat(seen.states).containsSubsequence(ImClient.State.LOGGED_IN, ImClient.State.DISCONNECTED,
                ImClient.State.LOGGED_IN);
    }

    @Test
    void resend_shouldCreateOneMessage_whenTheSameClientMsgIdIsSentTwice() throws Exception {
        RealStack.User alice = stack.newUser("alice-" + unique());
        RealStack.User bob = stack.newUser("bob-" + unique());
        ImClient aliceDevice = device(new Recorder(), alice, Platform.DESKTOP, ImClient.FROM_FIRST_LOGIN,
                stack.access(1).endpoint());
        String clientMsgId = UUID.randomUUID().toString();

        SendResp first = send(aliceDevice, text(bob.id(), "once", clientMsgId));
        SendResp again = send(aliceDevice, text(bob.id(), "once", clientMsgId));
        // and from a second device of hers, on a fresh connection
        ImClient aliceMobile = device(new Recorder(), stack.relogin(alice), Platform.MOBILE, ImClient.FROM_FIRST_LOGIN,
                stack.access(1).endpoint());
        SendResp third = send(aliceMobile, text(bob.id(), "once", clientMsgId));

        assertThat(again.getMsgId()).isEqualTo(first.getMsgId());
        assertThat(third.getMsgId()).isEqualTo(first.getMsgId());
        ImClient bobDevice = device(new Recorder(), bob, Platform.DESKTOP, ImClient.FROM_FIRST_LOGIN,
                stack.access(1).endpoint());
        SyncResp bobStream = bobDevice.sync(0, 500).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(bobStream.getMessagesList()).filteredOn(m -> m.getClientMsgId().equals(clientMsgId))
                .extracting(Message::getMsgId).containsExactly(first.getMsgId());
    }

    @Test
    void pushedSeqGap_shouldMakeTheClientSync_andDeliverEveryMessageOnceInOrder() throws Exception {
        RealStack.User alice = stack.newUser("alice-" + unique());
        RealStack.User bob = stack.newUser("bob-" + unique());
        Recorder seen = new Recorder();
        EventLoopGroup bobsOwnLoop = ImClient.newEventLoopGroup(1, "sdk-it-slow");
        try {
            device(bobsOwnLoop, seen, bob, Platform.DESKTOP, 0, stack.access(1).endpoint());
            ImClient aliceDevice = device(new Recorder(), alice, Platform.DESKTOP, ImClient.FROM_FIRST_LOGIN,
                    stack.access(1).endpoint());
            send(aliceDevice, text(bob.id(), "warm-up", unique()));
            await("bob has the warm-up message", () -> seen.texts("warm-up").size() == 1);
            // bob's device now acks each push 300 ms late: pushes arriving meanwhile exceed node 1's
            // window of one and are not written, so the next one written skips seqs
            seen.slowMillis = 300;
            burstsUntilAGapSync(seen, aliceDevice, bob);
        } finally {
            clients.forEach(ImClient::close);
            clients.clear();
            bobsOwnLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static void burstsUntilAGapSync(Recorder seen, ImClient aliceDevice, RealStack.User bob) throws Exception {
        int syncsBefore = seen.syncs.get();

        // bursts until node 1's one-push window has dropped a push and the SDK has filled the hole
        int sent = 0;
        for (int burst = 0; burst < 10 && seen.syncs.get() == syncsBefore; burst++) {
            List<CompletableFuture<SendResp>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(aliceDevice.send(text(bob.id(), "burst-" + (sent++), unique())));
            }
            for (CompletableFuture<SendResp> a : answers) {
                assertThat(a.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).getCode()).isZero();
            }
            // a push the full window skipped is found only when a later push shows the hole: nudge
            // until bob holds the whole burst
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            for (int nudge = 0; seen.texts("burst-").size() < sent; nudge++) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("bob holds " + seen.texts("burst-").size() + " of " + sent + " messages");
                }
                Thread.sleep(1000);
                send(aliceDevice, text(bob.id(), "nudge-" + nudge, unique()));
            }
        }
        seen.slowMillis = 0;

        assertThat(seen.syncs.get()).as("catch-up SYNCs after a pushed seq skipped one").isGreaterThan(syncsBefore);
        assertThat(seen.states).as("no reconnect: the SYNCs came from gaps").containsOnlyOnce(ImClient.State.LOGGED_IN);
        List<Message> burst = seen.texts("burst-");
        assertThat(burst).extracting(Message::getMsgId).doesNotHaveDuplicates();
        assertThat(burst).extracting(Message::getSeq).isSorted();
        assertThat(burst).hasSize(sent);
    }

    @Test
    void secondLoginOnTheSamePlatform_shouldKickTheFirst_throughItsListener_withoutAReconnect() throws Exception {
        RealStack.User carol = stack.newUser("carol-" + unique());
        Recorder first = new Recorder();
        ImClient firstDevice = device(first, carol, Platform.DESKTOP, ImClient.FROM_FIRST_LOGIN,
                stack.access(1).endpoint());

        device(new Recorder(), stack.relogin(carol), Platform.DESKTOP, ImClient.FROM_FIRST_LOGIN,
                stack.access(1).endpoint());

        assertThat(first.kicks.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("KICKOUT reason").isEqualTo(1);
        assertThat(firstDevice.state().get(10, TimeUnit.SECONDS)).isEqualTo(ImClient.State.CLOSED);
        Thread.sleep(1500); // longer than the 100 ms .. 2 s reconnect backoff: a reconnect would show
        List<ImClient.State> afterKick = first.states.subList(first.states.indexOf(ImClient.State.CLOSED),
                first.states.size());
        assertThat(afterKick).containsOnly(ImClient.State.CLOSED);
    }
}
