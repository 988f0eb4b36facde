package im.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import im.api.protocol.Command;
import im.api.protocol.ConvType;
import im.api.protocol.LoginResp;
import im.api.protocol.Message;
import im.api.protocol.MsgPush;
import im.api.protocol.SendReq;
import im.api.protocol.SendResp;
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
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CLI's non-interactive commands against a scripted HTTP login and a scripted gateway on
 * loopback: output, exit codes and input errors. (End to end against the real stack: im-system-tests.)
 */
class ImCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventLoopGroup group;
    private Channel gateway;
    private HttpServer http;
    private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Channel> sessions = new LinkedBlockingQueue<>();
    private volatile int loginStatus = 200;
    /** What the scripted gateway does with a frame after login: (channel, frame). */
    private volatile BiConsumer<Channel, Frame> script = (ch, f) -> { };

    @BeforeEach
    void start() throws Exception {
        group = new NioEventLoopGroup(1);
        gateway = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new FrameDecoder(65536), FrameEncoder.INSTANCE,
                                new SimpleChannelInboundHandler<Frame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, Frame f) {
                                        received.add(f);
                                        if (f.cmd() == Command.LOGIN_REQ.number()) {
                                            ctx.writeAndFlush(new Frame(Command.LOGIN_RESP.number(), f.seq(),
                                                    LoginResp.newBuilder().setCode(0).setUserId(7).setMaxSeq(5)
                                                            .build().toByteArray()));
                                            sessions.add(ctx.channel());
                                        } else {
                                            script.accept(ctx.channel(), f);
                                        }
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        int tcp = ((InetSocketAddress) gateway.localAddress()).getPort();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/v1/auth/login", ex -> {
            byte[] body = (loginStatus == 200
                    ? "{\"token\":\"tok\",\"userId\":\"7\",\"tenantId\":\"1\",\"expiresAt\":1,\"endpoints\":[{\"tcp\":\"127.0.0.1:"
                            + tcp + "\",\"ws\":\"\",\"load\":0}]}"
                    : "{\"code\":1001,\"message\":\"wrong account or password\"}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(loginStatus, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
        gateway.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private record Run(int status, String out, String err) {
        JsonNode json() throws Exception {
            String[] lines = out.strip().split("\n");
            return JSON.readTree(lines[lines.length - 1]);
        }
    }

    private Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String server = "http://127.0.0.1:" + http.getAddress().getPort();
        String[] all = new String[args.length + 6];
        System.arraycopy(new String[] {"--server", server, "--user", "alice", "--password", "pw"}, 0, all, 0, 6);
        System.arraycopy(args, 0, all, 6, args.length);
        int status = ImCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), all);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void answer(Channel ch, Frame request, SendResp resp) {
        ch.writeAndFlush(new Frame(Command.SEND_RESP.number(), request.seq(), resp.toByteArray()));
    }

    @Test
    void send_shouldPrintTheMessageIdAsJson_andExit0_whenTheServerStoresIt() throws Exception {
        script = (ch, f) -> {
            if (f.cmd() == Command.SEND_REQ.number()) {
                answer(ch, f, SendResp.newBuilder().setCode(0).setMsgId(4242).setSeq(6).setClientMsgId("c-1").build());
            }
        };

        Run run = cli("--json", "send", "--to", "8", "hello", "world", "--client-msg-id", "c-1");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.json().get("msgId").asText()).isEqualTo("4242");
        assertThat(run.json().get("ok").asBoolean()).isTrue();
        SendReq sent = received.stream().filter(f -> f.cmd() == Command.SEND_REQ.number()).findFirst()
                .map(f -> parse(f)).orElseThrow();
        assertThat(sent.getToId()).isEqualTo(8);
        assertThat(sent.getConvType()).isEqualTo(ConvType.SINGLE);
        assertThat(sent.getText()).isEqualTo("hello world");
        assertThat(sent.getClientMsgId()).isEqualTo("c-1");
    }

    @Test
    void send_shouldExit1_withTheServersCode_whenTheSendIsRefused() {
        script = (ch, f) -> {
            if (f.cmd() == Command.SEND_REQ.number()) {
                answer(ch, f, SendResp.newBuilder().setCode(1003).setMessage("not visible").build());
            }
        };

        Run run = cli("send", "--group", "9", "hi");

        assertThat(run.status()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).contains("not visible").contains("1003").contains("FORBIDDEN");
    }

    @Test
    void anyCommand_shouldExit3_whenTheLoginIsRefused() {
        loginStatus = 401;

        Run run = cli("send", "--to", "8", "hi");

        assertThat(run.status()).isEqualTo(ExitCodes.AUTH);
        assertThat(run.err()).contains("wrong account or password");
        assertThat(received).isEmpty();
    }

    @Test
    void badInput_shouldExit2_withAClearMessage_andSendNothing() {
        Run account = cli("send", "--to", "bob", "hi");
        Run both = cli("send", "--to", "1", "--group", "2", "hi");
        Run empty = cli("send", "--to", "1", " ");
        Run tooLong = cli("send", "--to", "1", "x".repeat(8193));
        Run negative = cli("recall", "-5");
        Run timeout = cli("--timeout", "0", "convs");

        assertThat(account.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(account.err()).contains("'bob' is not an id");
        assertThat(both.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(empty.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(empty.err()).contains("the text is empty");
        assertThat(tooLong.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(tooLong.err()).contains("at most 8192");
        assertThat(negative.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(timeout.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(timeout.err()).contains("--timeout must be 1..3600");
        assertThat(received).noneMatch(f -> f.cmd() == Command.SEND_REQ.number());
    }

    @Test
    void noUser_shouldExit2_namingTheOption() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ImCli.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true),
                "--server", "http://127.0.0.1:" + http.getAddress().getPort(), "--user", "", "convs");

        assertThat(status).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--user");
    }

    @Test
    void unreachableServer_shouldExit4() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ImCli.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true),
                "--server", "http://127.0.0.1:1", "--user", "a", "--password", "b", "convs");

        assertThat(status).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot reach http://127.0.0.1:1");
    }

    @Test
    void listen_shouldPrintPushedMessages_fromTheLoginsMaxSeqOn_andAckThem() throws Exception {
        Thread pusher = new Thread(() -> {
            try {
                Channel ch = sessions.poll(10, TimeUnit.SECONDS);
                Thread.sleep(200); // after the LOGIN_RESP has been read
                ch.writeAndFlush(new Frame(Command.MSG_PUSH.number(), 0, MsgPush.newBuilder()
                        .addMessages(Message.newBuilder().setSeq(6).setMsgId(77).setConvType(ConvType.SINGLE)
                                .setConvId(8).setFromUserId(8).setText("ping"))
                        .build().toByteArray()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        pusher.start();

        Run run = cli("--json", "listen", "--count", "1", "--wait", "20");

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode m = run.json();
        assertThat(m.get("text").asText()).isEqualTo("ping");
        assertThat(m.get("msgId").asText()).isEqualTo("77");
        assertThat(m.get("fromUserId").asText()).isEqualTo("8");
        // the stream started at the login's max_seq 5: no SYNC of the backlog, and seq 6 acked
        assertThat(received).noneMatch(f -> f.cmd() == Command.SYNC_REQ.number());
        assertThat(awaitFrame(Command.MSG_ACK)).as("MSG_ACK of seq 6").isTrue();
    }

    private boolean awaitFrame(Command cmd) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (received.stream().anyMatch(f -> f.cmd() == cmd.number())) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static SendReq parse(Frame f) {
        try {
            return SendReq.parseFrom(f.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
