package im.client;

import im.api.protocol.Command;
import im.client.transport.Frame;
import im.client.transport.FrameDecoder;
import im.client.transport.FrameEncoder;
import im.client.transport.WebSocketFrameAdapter;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Opens one connection of an {@link ImClient} over TCP or WebSocket and reports what happens on it.
 * Pipeline: transport codec, then an idle handler (a heartbeat after {@code heartbeatInterval}
 * without writing; a close after three intervals without reading, since the server answers every
 * heartbeat), then the client's handler. Stage names are the constants below.
 */
final class ClientConnector {
    static final String DECODER = "frame-decoder";
    static final String ENCODER = "frame-encoder";
    static final String HTTP = "http-codec";
    static final String AGGREGATOR = "http-aggregator";
    static final String WEBSOCKET = "websocket";
    static final String WS_FRAMES = "websocket-frames";
    static final String IDLE = "idle";
    static final String CLIENT = "client";

    /** What the connection reports; all calls arrive on the client's event loop. */
    interface Events {
        /** Ready for frames: TCP connected, or WebSocket handshake complete. */
        void opened(Channel ch);

        void frame(Channel ch, Frame frame);

        void closed(Channel ch);
    }

    private final ImClientOptions options;
    private final EventLoop loop;
    private final Events events;

    ClientConnector(ImClientOptions options, EventLoop loop, Events events) {
        this.options = options;
        this.loop = loop;
        this.events = events;
    }

    ChannelFuture connect(Endpoint endpoint) {
        boolean ws = options.transport() == ImClientOptions.Transport.WEBSOCKET;
        URI uri = ws ? URI.create(endpoint.ws()) : URI.create("tcp://" + endpoint.tcp());
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("bad endpoint for " + options.transport() + ": " + endpoint);
        }
        Bootstrap b = new Bootstrap()
                .group(loop)
                // the channel type must match the loop the client runs on (see ImClient.newEventLoopGroup)
                .channel(loop.parent() instanceof EpollEventLoopGroup ? EpollSocketChannel.class
                        : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (ws) {
                            p.addLast(HTTP, new HttpClientCodec());
                            p.addLast(AGGREGATOR, new HttpObjectAggregator(options.maxBodyLength() + 64));
                            p.addLast(WEBSOCKET, new WebSocketClientProtocolHandler(
                                    WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, null,
                                            false, new DefaultHttpHeaders(), options.maxBodyLength() + 64)));
                            p.addLast(WS_FRAMES, new WebSocketFrameAdapter(options.maxBodyLength()));
                        } else {
                            p.addLast(DECODER, new FrameDecoder(options.maxBodyLength()));
                            p.addLast(ENCODER, FrameEncoder.INSTANCE);
                        }
                        long beat = options.heartbeatInterval().toMillis();
                        p.addLast(IDLE, new IdleStateHandler(3 * beat, beat, 0, TimeUnit.MILLISECONDS));
                        p.addLast(CLIENT, new Handler(ws));
                    }
                });
        InetSocketAddress remote = new InetSocketAddress(uri.getHost(), uri.getPort());
        return options.localAddress() == null ? b.connect(remote)
                : b.connect(remote, new InetSocketAddress(options.localAddress(), 0));
    }

    /** Per connection: turns channel events into {@link Events} calls and sends heartbeats. */
    private final class Handler extends SimpleChannelInboundHandler<Frame> {
        private final boolean ws;

        Handler(boolean ws) {
            this.ws = ws;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (!ws) {
                events.opened(ctx.channel());
            }
            super.channelActive(ctx);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                events.opened(ctx.channel());
            } else if (evt instanceof IdleStateEvent idle) {
                if (idle.state() == IdleState.WRITER_IDLE) {
                    ctx.writeAndFlush(Frame.of(Command.HEARTBEAT_REQ.number(), 0));
                } else if (idle.state() == IdleState.READER_IDLE) {
                    ctx.close(); // the server answers heartbeats: silence this long means it is gone
                }
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
            events.frame(ctx.channel(), frame);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            events.closed(ctx.channel());
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a corrupt frame or an I/O error: the close starts a reconnect
        }
    }
}
