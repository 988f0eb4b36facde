package im.access.transport.websocket;

import im.access.GatewaySettings;
import im.access.metrics.GatewayMetrics;
import im.access.session.SessionHandler;
import im.access.session.SessionServices;
import im.access.transport.EventLoops;
import im.access.transport.PipelineStages;
import im.access.transport.Transport;
import im.access.transport.codec.FrameCodec;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The WebSocket listener on {@code /ws}: {@code http-codec}, {@code http-aggregator} (handshake
 * only, 8 KiB), {@code ws-protocol} (handshake, ping/pong, close; messages over one frame's limit
 * are refused by it with close status 1009), {@code ws-aggregator} (fragmented messages),
 * {@code ws-frame-decoder}, {@code ws-frame-encoder}, {@code session}.
 */
public final class WebSocketServer implements AutoCloseable {
    private final Channel server;

    public WebSocketServer(EventLoops loops, String host, int port, int maxBodyBytes, long handshakeTimeoutMillis,
                           WriteBufferWaterMark waterMark, SessionServices services, GatewayMetrics metrics)
            throws InterruptedException {
        int maxMessage = FrameCodec.HEADER_LENGTH + maxBodyBytes;
        WebSocketServerProtocolConfig protocol = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(GatewaySettings.WS_PATH)
                .checkStartsWith(false)
                .handshakeTimeoutMillis(handshakeTimeoutMillis)
                .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(maxMessage)
                        .allowExtensions(false).build())
                .build();
        WebSocketFrameDecoder decoder = new WebSocketFrameDecoder(maxBodyBytes, metrics.frameIn(Transport.WEBSOCKET));
        WebSocketFrameEncoder encoder = new WebSocketFrameEncoder(metrics.frameOut(Transport.WEBSOCKET));
        this.server = loops.serverBootstrap(waterMark)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(PipelineStages.HTTP_CODEC, new HttpServerCodec())
                                .addLast(PipelineStages.HTTP_AGGREGATOR, new HttpObjectAggregator(8192))
                                .addLast(PipelineStages.WS_PROTOCOL, new WebSocketServerProtocolHandler(protocol))
                                .addLast(PipelineStages.WS_AGGREGATOR, new WebSocketFrameAggregator(maxMessage))
                                .addLast(PipelineStages.WS_FRAME_DECODER, decoder)
                                .addLast(PipelineStages.WS_FRAME_ENCODER, encoder)
                                .addLast(PipelineStages.SESSION, new SessionHandler(services, Transport.WEBSOCKET));
                    }
                })
                .bind(host, port).sync().channel();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }
}
