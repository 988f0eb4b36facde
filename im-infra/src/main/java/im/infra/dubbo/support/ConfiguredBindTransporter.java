package im.infra.dubbo.support;

import java.net.InetSocketAddress;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.remoting.ChannelHandler;
import org.apache.dubbo.remoting.Client;
import org.apache.dubbo.remoting.RemotingException;
import org.apache.dubbo.remoting.RemotingServer;
import org.apache.dubbo.remoting.Transporter;
import org.apache.dubbo.remoting.transport.netty4.NettyServer;
import org.apache.dubbo.remoting.transport.netty4.NettyClient;

/**
 * Dubbo's Netty 4 transporter, taking addresses as given: the server listens on the provider URL's
 * {@value BindAddress#BIND_HOST_KEY} (a loopback address included, where Dubbo substitutes
 * {@code 0.0.0.0}), and a client connects to the host of the URL it was given (where Dubbo replaces
 * a loopback address with the first non-loopback interface's, {@code NetUtils.filterLocalHost}). A
 * Dubbo SPI extension (name {@value BindAddress#TRANSPORTER}) because Dubbo chooses its transporter
 * by name; stateless and thread-safe.
 */
public final class ConfiguredBindTransporter implements Transporter {
    @Override
    public RemotingServer bind(URL url, ChannelHandler handler) throws RemotingException {
        if (!url.hasParameter(BindAddress.BIND_HOST_KEY)) {
            throw new RemotingException(url.toInetSocketAddress(), null, "provider URL without "
                    + BindAddress.BIND_HOST_KEY + ": refusing to fall back to Dubbo's wildcard bind");
        }
        return new Server(url, handler);
    }

    @Override
    public Client connect(URL url, ChannelHandler handler) throws RemotingException {
        return new LiteralClient(url, handler);
    }

    /** {@link NettyClient} connecting to the URL's host as written; read in the super constructor, so no fields. */
    private static final class LiteralClient extends NettyClient {
        LiteralClient(URL url, ChannelHandler handler) throws RemotingException {
            super(url, handler);
        }

        @Override
        public InetSocketAddress getConnectAddress() {
            return new InetSocketAddress(getUrl().getHost(), getUrl().getPort());
        }
    }

    /**
     * {@link NettyServer} binding the configured address. {@code getBindAddress} is read by
     * {@code doOpen} inside the super constructor, so it derives everything from the URL, not from
     * fields of this class.
     */
    private static final class Server extends NettyServer {
        Server(URL url, ChannelHandler handler) throws RemotingException {
            super(url, handler);
        }

        @Override
        public InetSocketAddress getBindAddress() {
            int port = super.getBindAddress().getPort();
            return new InetSocketAddress(getUrl().getParameter(BindAddress.BIND_HOST_KEY), port);
        }
    }
}
