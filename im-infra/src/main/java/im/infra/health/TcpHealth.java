package im.infra.health;

import java.net.InetSocketAddress;
import java.net.Socket;

/** Health of a server known only by its port (e.g. the RocketMQ name server): a TCP connect in 2 s. */
public final class TcpHealth {
    private TcpHealth() {
    }

    /** @param hostPort {@code host:port} */
    public static HealthCheck of(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected host:port, was '" + hostPort + "'");
        }
        InetSocketAddress address = new InetSocketAddress(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1)));
        return () -> {
            try (Socket s = new Socket()) {
                s.connect(address, 2000);
            }
            return hostPort;
        };
    }
}
