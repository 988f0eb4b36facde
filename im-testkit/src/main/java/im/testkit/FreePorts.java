package im.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for servers a test starts in another process. A port the kernel hands out for
 * {@code new ServerSocket(0)} comes from the ephemeral range (32768-60999), the same range every
 * outgoing connection's local port comes from: between the probe and the child's bind, one of the
 * hundreds of connections a test run opens to Redis, MariaDB or Dubbo may take it, and the child
 * fails with "Address already in use". These come from {@value #FIRST}-{@value #LAST} instead, below
 * the ephemeral range and above every stack's service ports (base ports plus an offset of at most
 * 9,000), each handed out once per JVM and probed free on loopback.
 */
public final class FreePorts {
    static final int FIRST = 30_200;
    static final int LAST = 32_700;
    private static final AtomicInteger next = new AtomicInteger(
            ThreadLocalRandom.current().nextInt(LAST - FIRST + 1));

    private FreePorts() {
    }

    /** A port nothing listens on now and that no other caller in this JVM got. */
    public static int take() throws IOException {
        for (int tries = 0; tries <= LAST - FIRST; tries++) {
            int port = FIRST + Math.floorMod(next.getAndIncrement(), LAST - FIRST + 1);
            if (free(port)) {
                return port;
            }
        }
        throw new IOException("no free port in " + FIRST + "-" + LAST);
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
