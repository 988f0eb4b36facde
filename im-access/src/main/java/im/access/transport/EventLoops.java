package im.access.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acceptor and worker loops shared by both servers: epoll when the native transport loads
 * (Linux), NIO otherwise. One acceptor thread is plenty for logins at a few thousand per second;
 * workers default to Netty's 2 x cores.
 */
public final class EventLoops implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventLoops.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Class<? extends ServerSocketChannel> serverChannel;

    /** @param workerThreads 0 for Netty's default */
    public EventLoops(int workerThreads) {
        if (Epoll.isAvailable()) {
            boss = new EpollEventLoopGroup(1, new DefaultThreadFactory("access-accept"));
            workers = new EpollEventLoopGroup(workerThreads, new DefaultThreadFactory("access-io"));
            serverChannel = EpollServerSocketChannel.class;
        } else {
            log.info("Epoll unavailable, using NIO: {}", String.valueOf(Epoll.unavailabilityCause()));
            boss = new NioEventLoopGroup(1, new DefaultThreadFactory("access-accept"));
            workers = new NioEventLoopGroup(workerThreads, new DefaultThreadFactory("access-io"));
            serverChannel = NioServerSocketChannel.class;
        }
    }

    public EventLoopGroup boss() {
        return boss;
    }

    public EventLoopGroup workers() {
        return workers;
    }

    public Class<? extends ServerSocketChannel> serverChannel() {
        return serverChannel;
    }

    /**
     * A server bootstrap on these loops with the options every gateway listener shares: a deep
     * accept backlog for login storms, no Nagle delay, and the per-connection write-buffer water
     * marks that let a slow reader be detected instead of buffered without bound.
     */
    public ServerBootstrap serverBootstrap(WriteBufferWaterMark waterMark) {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(serverChannel)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark);
    }

    public boolean epoll() {
        return serverChannel == EpollServerSocketChannel.class;
    }

    @Override
    public void close() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
