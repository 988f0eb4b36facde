package im.access.transport.tcp;

import im.access.metrics.GatewayMetrics;
import im.access.session.SessionHandler;
import im.access.session.SessionServices;
import im.access.transport.EventLoops;
import im.access.transport.PipelineStages;
import im.access.transport.Transport;
import im.access.transport.codec.FrameDecoder;
import im.access.transport.codec.FrameEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;

/**
 * The TCP listener: {@code frame-decoder} (per channel), {@code frame-encoder} (shared),
 * {@code session} (per channel).
 */
public final class TcpServer implements AutoCloseable {
    private final Channel server;

    /** Binds {@code host:port} and starts accepting. */
    public TcpServer(EventLoops loops, String host, int port, int maxBodyBytes, WriteBufferWaterMark waterMark,
                     SessionServices services, GatewayMetrics metrics) throws InterruptedException {
        FrameEncoder encoder = new FrameEncoder(metrics.frameOut(Transport.TCP));
        Runnable frameIn = metrics.frameIn(Transport.TCP);
        this.server = loops.serverBootstrap(waterMark)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(PipelineStages.FRAME_DECODER, new FrameDecoder(maxBodyBytes, frameIn))
                                .addLast(PipelineStages.FRAME_ENCODER, encoder)
                                .addLast(PipelineStages.SESSION, new SessionHandler(services, Transport.TCP));
                    }
                })
                .bind(host, port).sync().channel();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }
}
