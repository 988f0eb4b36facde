package im.client;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.protocol.Command;
import im.api.protocol.Kickout;
import im.api.protocol.LoginResp;
import im.api.protocol.Message;
import im.api.protocol.MsgAck;
import im.api.protocol.MsgPush;
import im.api.protocol.Platform;
import im.api.protocol.SendReq;
import im.api.protocol.SendResp;
import im.api.protocol.SyncReq;
import im.api.protocol.SyncResp;
import im.client.transport.Frame;
import im.client.transport.FrameDecoder;
import im.client.transport.FrameEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK's own behaviour against a scripted peer on loopback: the test plays the server frame by
 * frame, so it can drop answers and connections exactly where a real network would. (The SDK
 * against the real gateway is tested in im-system-tests.)
 */
class ImClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private EventLoopGroup group;
    private Channel server;
    private final BlockingQueue<Channel> connections = new LinkedBlockingQueue<>();
    private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    private final List<Message> delivered = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Integer> kicks = new LinkedBlockingQueue<>();
    private final BlockingQueue<Long> synced = new LinkedBlockingQueue<>();
    private ImClientOptions options;
    private ImClient client;

    @BeforeEach
    void startScriptedServer() throws InterruptedException {
        group = new NioEventLoopGroup(2);
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new FrameDecoder(65536), FrameEncoder.INSTANCE,
                                new SimpleChannelInboundHandler<Frame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, Frame f) {
                                        received.add(f);
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        options = new ImClientOptions(ImClientOptions.Transport.TCP, Duration.ofSeconds(30),
                Duration.ofMillis(800), 3, Duration.ofMillis(20), Duration.ofMillis(100), 200, 65536);
        client = newClient(0);
    }

    private ImClient newClient(long initialMaxSeq) {
        return new ImClient(options, group, new ImListener() {
            @Override
            public void onMessages(List<Message> messages) {
                delivered.addAll(messages);
            }

            @Override
            public void onKickout(int reason, String message) {
                kicks.add(reason);
            }

            @Override
            public void onSynced(long maxSeq) {
                synced.add(maxSeq);
            }
        }, initialMaxSeq);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private Endpoint endpoint() {
        return new Endpoint("127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort(), "");
    }

    private Frame next(Command expected) throws InterruptedException {
        while (true) {
            Frame f = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(f).as("a %s frame from the client", expected).isNotNull();
            if (f.cmd() != Command.HEARTBEAT_REQ.number()) {
                assertThat(Command.of(f.cmd())).isEqualTo(expected);
                return f;
            }
        }
    }

    private static Message entry(long seq) {
        return Message.newBuilder().setSeq(seq).setMsgId(1000 + seq).setText("m" + seq).build();
    }

    private Channel loginWith(long maxSeq) throws Exception {
        Channel conn = connections.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Frame login = next(Command.LOGIN_REQ);
        conn.writeAndFlush(new Frame(Command.LOGIN_RESP.number(), login.seq(),
                LoginResp.newBuilder().setCode(0).setUserId(7).setMaxSeq(maxSeq).build().toByteArray()));
        return conn;
    }

    @Test
    void login_shouldSyncTheBacklog_inPages_andAckCumulatively() throws Exception {
        var login = client.connect(List.of(endpoint()), "token", "dev-1", Platform.DESKTOP);
        Channel conn = loginWith(3);
        assertThat(login.get(10, TimeUnit.SECONDS).getUserId()).isEqualTo(7);

        Frame sync = next(Command.SYNC_REQ);
        assertThat(SyncReq.parseFrom(sync.body()).getSinceSeq()).isZero();
        conn.writeAndFlush(new Frame(Command.SYNC_RESP.number(), sync.seq(), SyncResp.newBuilder()
                .addMessages(entry(1)).addMessages(entry(2)).setHasMore(true).build().toByteArray()));
        assertThat(MsgAck.parseFrom(next(Command.MSG_ACK).body()).getMaxSeq()).isEqualTo(2);
        Frame sync2 = next(Command.SYNC_REQ);
        assertThat(SyncReq.parseFrom(sync2.body()).getSinceSeq()).isEqualTo(2);
        conn.writeAndFlush(new Frame(Command.SYNC_RESP.number(), sync2.seq(),
                SyncResp.newBuilder().addMessages(entry(3)).build().toByteArray()));

        assertThat(MsgAck.parseFrom(next(Command.MSG_ACK).body()).getMaxSeq()).isEqualTo(3);
        assertThat(delivered).extracting(Message::getSeq).containsExactly(1L, 2L, 3L);
    }

    @Test
    void pushAfterAGap_shouldTriggerSync_andDeliverEachEntryOnce() throws Exception {
        client.connect(List.of(endpoint()), "token", "dev-1", Platform.MOBILE);
        Channel conn = loginWith(0);

        conn.writeAndFlush(new Frame(Command.MSG_PUSH.number(), 0,
                MsgPush.newBuilder().addMessages(entry(1)).addMessages(entry(3)).build().toByteArray()));
        assertThat(MsgAck.parseFrom(next(Command.MSG_ACK).body()).getMaxSeq()).isEqualTo(1);
        Frame sync = next(Command.SYNC_REQ);
        assertThat(SyncReq.parseFrom(sync.body()).getSinceSeq()).isEqualTo(1);
        conn.writeAndFlush(new Frame(Command.SYNC_RESP.number(), sync.seq(), SyncResp.newBuilder()
                .addMessages(entry(2)).addMessages(entry(3)).build().toByteArray()));
        assertThat(MsgAck.parseFrom(next(Command.MSG_ACK).body()).getMaxSeq()).isEqualTo(3);
        conn.writeAndFlush(new Frame(Command.MSG_PUSH.number(), 0,
                MsgPush.newBuilder().addMessages(entry(3)).build().toByteArray())); // a retried push

        conn.writeAndFlush(new Frame(Command.MSG_PUSH.number(), 0,
                MsgPush.newBuilder().addMessages(entry(4)).build().toByteArray()));
        assertThat(MsgAck.parseFrom(next(Command.MSG_ACK).body()).getMaxSeq()).isEqualTo(4);
        assertThat(delivered).extracting(Message::getSeq).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void send_shouldBeResentWithTheSameClientMsgId_afterTheConnectionDropsUnanswered() throws Exception {
        client.connect(List.of(endpoint()), "token", "dev-1", Platform.DESKTOP);
        Channel first = loginWith(0);

        var answer = client.send(SendReq.newBuilder().setToId(8).setText("hello").build());
        String clientMsgId = SendReq.parseFrom(next(Command.SEND_REQ).body()).getClientMsgId();
        assertThat(clientMsgId).isNotEmpty();
        first.close(); // the answer is lost with the connection

        Channel second = loginWith(0);
        Frame resent = next(Command.SEND_REQ);
        assertThat(SendReq.parseFrom(resent.body()).getClientMsgId()).isEqualTo(clientMsgId);
        second.writeAndFlush(new Frame(Command.SEND_RESP.number(), resent.seq(), SendResp.newBuilder()
                .setCode(0).setMsgId(99).setSeq(1).setClientMsgId(clientMsgId).build().toByteArray()));

        assertThat(answer.get(10, TimeUnit.SECONDS).getMsgId()).isEqualTo(99);
        assertThat(client.maxSeq().get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void kickout_shouldCloseForGood_andTellTheListener() throws Exception {
        client.connect(List.of(endpoint()), "token", "dev-1", Platform.DESKTOP);
        Channel conn = loginWith(0);

        conn.writeAndFlush(new Frame(Command.KICKOUT.number(), 0,
                Kickout.newBuilder().setReason(1).setMessage("logged in elsewhere").build().toByteArray()));

        assertThat(kicks.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(1);
        assertThat(client.state().get(10, TimeUnit.SECONDS)).isEqualTo(ImClient.State.CLOSED);
        conn.close();
        // a reconnect would open a new connection within the 20..100 ms backoff
        assertThat(connections.poll(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void busyLogin_shouldBeRetriedWithBackoff_notTreatedAsARefusal() throws Exception {
        var login = client.connect(List.of(endpoint()), "token", "dev-1", Platform.DESKTOP);
        Channel first = connections.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Frame req = next(Command.LOGIN_REQ);
        first.writeAndFlush(new Frame(Command.LOGIN_RESP.number(), req.seq(),
                LoginResp.newBuilder().setCode(1503).setMessage("login queue full").build().toByteArray()));

        loginWith(0); // a new connection after the backoff, and this time the node has room

        assertThat(login.get(10, TimeUnit.SECONDS).getCode()).isZero();
        assertThat(client.state().get(10, TimeUnit.SECONDS)).isEqualTo(ImClient.State.LOGGED_IN);
    }

    @Test
    void refusedToken_shouldCloseForGood_andFailTheConnectFuture() throws Exception {
        var login = client.connect(List.of(endpoint()), "bad", "dev-1", Platform.DESKTOP);
        Channel conn = connections.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Frame req = next(Command.LOGIN_REQ);
        conn.writeAndFlush(new Frame(Command.LOGIN_RESP.number(), req.seq(),
                LoginResp.newBuilder().setCode(1001).setMessage("token expired").build().toByteArray()));

        assertThat(login).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("token expired");
        assertThat(client.state().get(10, TimeUnit.SECONDS)).isEqualTo(ImClient.State.CLOSED);
        assertThat(connections.poll(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void fromFirstLogin_shouldSkipTheBacklog_butSyncAfterAGapLater() throws Exception {
        client.close();
        client = newClient(ImClient.FROM_FIRST_LOGIN);
        client.connect(List.of(endpoint()), "token", "dev-1", Platform.DESKTOP);
        Channel conn = loginWith(40);
        assertThat(synced.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("caught up at login").isEqualTo(40);

        conn.writeAndFlush(new Frame(Command.MSG_PUSH.number(), 0,
                MsgPush.newBuilder().addMessages(entry(41)).build().toByteArray()));
        assertThat(MsgAck.parseFrom(next(Command.MSG_ACK).body()).getMaxSeq()).isEqualTo(41);
        conn.writeAndFlush(new Frame(Command.MSG_PUSH.number(), 0,
                MsgPush.newBuilder().addMessages(entry(43)).build().toByteArray()));
        Frame sync = next(Command.SYNC_REQ);
        assertThat(SyncReq.parseFrom(sync.body()).getSinceSeq()).isEqualTo(41);
        conn.writeAndFlush(new Frame(Command.SYNC_RESP.number(), sync.seq(), SyncResp.newBuilder()
                .addMessages(entry(42)).addMessages(entry(43)).build().toByteArray()));

        assertThat(synced.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("caught up after the gap").isEqualTo(43);
        assertThat(delivered).extracting(Message::getSeq).containsExactly(41L, 42L, 43L);
    }

    @Test
    void sendAnsweredBusy_shouldGoAgainWithTheSameClientMsgId_untilItIsStored() throws Exception {
        client.connect(List.of(endpoint()), "token", "dev-1", Platform.DESKTOP);
        Channel conn = loginWith(0);

        var answer = client.send(SendReq.newBuilder().setToId(8).setText("hello").build());
        Frame first = next(Command.SEND_REQ);
        String clientMsgId = SendReq.parseFrom(first.body()).getClientMsgId();
        conn.writeAndFlush(new Frame(Command.SEND_RESP.number(), first.seq(), SendResp.newBuilder()
                .setCode(1503).setMessage("service unavailable, retry").build().toByteArray()));
        Frame again = next(Command.SEND_REQ);
        conn.writeAndFlush(new Frame(Command.SEND_RESP.number(), again.seq(), SendResp.newBuilder()
                .setCode(0).setMsgId(5).setSeq(1).setClientMsgId(clientMsgId).build().toByteArray()));

        assertThat(SendReq.parseFrom(again.body()).getClientMsgId()).isEqualTo(clientMsgId);
        assertThat(answer.get(10, TimeUnit.SECONDS).getMsgId()).isEqualTo(5);
    }
}
