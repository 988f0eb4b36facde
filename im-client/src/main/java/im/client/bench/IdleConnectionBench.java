package im.client.bench;

import im.api.protocol.LoginReq;
import im.api.protocol.LoginResp;
import im.api.protocol.Platform;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Idle authenticated connections against one im-access JVM: opens {@code --connections} TCP
 * connections (bound round-robin to {@code --source-ips}, since one source address has about 28k
 * ephemeral ports), logs each in as its own user, then holds them with a heartbeat every
 * {@code --heartbeat-seconds} for {@code --hold-seconds}. With {@code --access-pid} it reads the
 * access JVM's RSS and CPU time from /proc and its heap after a full GC (the sum of its heap memory
 * pools over JMX, right for any collector; {@link AccessJvm}) before and after, and prints heap and
 * RSS per connection, the heartbeat CPU as a share of one core, and the login rate. A figure that
 * cannot be read, or reads as nothing a measurement gives (not positive), stops the run with exit
 * code 3 (as {@code im-bench} when it cannot run) and a one-line reason on stderr instead of a number.
 * One thread, one selector: this process holds {@code --connections} file descriptors.
 *
 * <p>Tokens are signed here with the deployment's {@code auth.token.secret} in the format of
 * {@code im.infra.auth.TokenCodec} (v1.payload.mac), so the SDK module needs no server code.
 *
 * <pre>java -Xmx512m -cp im-client.jar:lib/* im.client.bench.IdleConnectionBench --port 9000 \
 *   --connections 19000 --secret BASE64 --access-pid 1234 --source-ips 127.0.0.2,127.0.0.3</pre>
 */
public final class IdleConnectionBench {
    private static final int HEADER = 20;

    private final Map<String, String> opts;
    private final Mac mac;
    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final List<Conn> conns = new ArrayList<>();
    private long heartbeatsSent;
    private int nextHeartbeat;
    private int loggedIn;
    private int failed;
    private long heartbeatsAnswered;

    private IdleConnectionBench(Map<String, String> opts) throws IOException, GeneralSecurityException {
        this.opts = opts;
        this.mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(opt("secret", null)), "HmacSHA256"));
        this.selector = Selector.open();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        try {
            new IdleConnectionBench(opts).run();
        } catch (CannotMeasureException e) { // exiting closes the connections and the JMX client
            System.err.println("im-bench idle: cannot measure: " + e.getMessage());
            System.exit(ImBench.CANNOT_RUN);
        }
    }

    private String opt(String name, String def) {
        String v = opts.getOrDefault(name, def);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    private void run() throws Exception {
        String host = opt("host", "127.0.0.1");
        int port = Integer.parseInt(opt("port", "9000"));
        int n = Integer.parseInt(opt("connections", "1000"));
        int heartbeatSeconds = Integer.parseInt(opt("heartbeat-seconds", "30"));
        int holdSeconds = Integer.parseInt(opt("hold-seconds", "60"));
        long userBase = Long.parseLong(opt("user-base", "900000000000"));
        String[] sources = opt("source-ips", "127.0.0.1").split(",");
        long pid = Long.parseLong(opt("access-pid", "0"));
        int window = Integer.parseInt(opt("login-window", "500"));
        int warmupSeconds = Integer.parseInt(opt("warmup-seconds", "20"));

        AccessJvm access = pid > 0 ? AccessJvm.attach(pid) : null; // fails before any connection is opened
        Sample before = access != null ? Sample.take(access) : null;
        if (before != null) {
            System.out.printf("before: heap %.1f MiB, RSS %.1f MiB%n", before.heapBytes / 1048576.0,
                    before.rssBytes / 1048576.0);
        }
        long start = System.nanoTime();
        int opened = 0;
        while (loggedIn + failed < n) {
            while (opened < n && opened - loggedIn - failed < window) {
                SocketChannel ch = SocketChannel.open();
                ch.bind(new InetSocketAddress(sources[opened % sources.length], 0));
                ch.configureBlocking(false);
                ch.connect(new InetSocketAddress(host, port));
                Conn conn = new Conn(userBase + opened);
                ch.register(selector, SelectionKey.OP_CONNECT, conn);
                channels.add(ch);
                conns.add(conn);
                opened++;
            }
            // logins can take longer than the idle timeout: keep the early ones beating meanwhile
            heartbeats(System.nanoTime() - start, heartbeatSeconds * 1_000_000_000L);
            poll(100);
        }
        double loginSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("logged in %d of %d in %.1f s: %.0f logins/s (%d failed)%n", loggedIn, n, loginSeconds,
                loggedIn / loginSeconds, failed);

        Sample held = access != null ? Sample.take(access) : null;
        long holdStart = System.nanoTime();
        long holdNanos = holdSeconds * 1_000_000_000L;
        long periodNanos = heartbeatSeconds * 1_000_000_000L;
        long sentBefore = heartbeatsSent;
        Sample warm = null;
        while (System.nanoTime() - holdStart < holdNanos) {
            if (warm == null && access != null && System.nanoTime() - holdStart >= warmupSeconds * 1_000_000_000L) {
                warm = Sample.cpuOnly(access); // JIT and the login aftermath are over: measure from here
            }
            heartbeats(System.nanoTime() - start, periodNanos);
            poll(20);
        }
        Sample after = access != null ? Sample.take(access) : null;
        int open = (int) channels.stream().filter(SocketChannel::isOpen).count();
        System.out.printf("held %d connections for %d s, %d heartbeats sent while holding, %d answered in all%n", open,
                holdSeconds, heartbeatsSent - sentBefore, heartbeatsAnswered);
        if (before != null) {
            double perConnHeap = Measurements.perConnection("heap after full GC", before.heapBytes, held.heapBytes,
                    loggedIn);
            double perConnRss = Measurements.perConnection("RSS", before.rssBytes, held.rssBytes, loggedIn);
            Sample from = warm == null ? held : warm;
            // below /proc's 10 ms resolution the share would print as 0%: say so instead
            long ticks = Measurements.positive("access CPU ticks while holding", after.cpuTicks - from.cpuTicks);
            double cpuShare = ticks / (double) AccessJvm.CLOCK_TICKS / ((after.nanos - from.nanos) / 1e9);
            System.out.printf("heap after full GC: %.1f MiB -> %.1f MiB: %.0f bytes per connection%n",
                    before.heapBytes / 1048576.0, held.heapBytes / 1048576.0, perConnHeap);
            System.out.printf("RSS: %.1f MiB -> %.1f MiB: %.0f bytes per connection%n",
                    before.rssBytes / 1048576.0, held.rssBytes / 1048576.0, perConnRss);
            System.out.printf("access CPU while holding, after %d s of warm-up (heartbeats every %d s): "
                    + "%.2f%% of one core%n",
                    warm == null ? 0 : warmupSeconds, heartbeatSeconds, cpuShare * 100);
            System.out.printf("projected connections per 24 GiB of heap at this rate: %.0f%n",
                    24.0 * 1024 * 1024 * 1024 / perConnHeap);
            access.close();
        }
        for (SocketChannel ch : channels) {
            ch.close();
        }
    }

    /**
     * Sends the heartbeats due {@code elapsed} after the start: a sweep over all connections every
     * period, evenly spread, skipping those not logged in yet (they are met again a period later,
     * well within the 75 s idle timeout).
     */
    private void heartbeats(long elapsed, long periodNanos) throws IOException {
        if (channels.isEmpty()) {
            return;
        }
        long due = elapsed * channels.size() / periodNanos;
        while (heartbeatsSent < due) {
            heartbeatsSent++;
            int i = nextHeartbeat;
            nextHeartbeat = (nextHeartbeat + 1) % channels.size();
            SocketChannel ch = channels.get(i);
            if (conns.get(i).loggedIn && ch.isOpen()) {
                try {
                    ch.write(frame(3, (int) heartbeatsSent, new byte[0]));
                } catch (IOException e) {
                    ch.close();
                }
            }
        }
    }

    private void poll(long millis) throws IOException {
        selector.select(millis);
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            Conn c = (Conn) key.attachment();
            SocketChannel ch = (SocketChannel) key.channel();
            try {
                if (key.isConnectable()) {
                    ch.finishConnect();
                    key.interestOps(SelectionKey.OP_READ);
                    ch.write(frame(1, 1, LoginReq.newBuilder().setToken(token(c.userId)).setDeviceId("bench")
                            .setPlatform(Platform.DESKTOP).build().toByteArray()));
                } else if (key.isReadable()) {
                    read(ch, c, key);
                }
            } catch (IOException e) {
                key.cancel();
                ch.close();
                if (!c.loggedIn) {
                    failed++;
                }
            }
        }
    }

    private void read(SocketChannel ch, Conn c, SelectionKey key) throws IOException {
        if (ch.read(c.in) < 0) {
            throw new IOException("closed by server");
        }
        c.in.flip();
        while (c.in.remaining() >= HEADER) {
            int bodyLength = c.in.getInt(c.in.position() + 16);
            if (c.in.remaining() < HEADER + bodyLength) {
                break;
            }
            int cmd = c.in.getInt(c.in.position() + 8);
            c.in.position(c.in.position() + HEADER);
            byte[] body = new byte[bodyLength];
            c.in.get(body);
            if (cmd == 2) {
                LoginResp r = LoginResp.parseFrom(body);
                if (r.getCode() == 0) {
                    c.loggedIn = true;
                    loggedIn++;
                } else {
                    failed++;
                    key.cancel();
                    ch.close();
                }
            } else if (cmd == 4) {
                heartbeatsAnswered++;
            }
        }
        c.in.compact();
        // an idle connection needs no buffer; reallocate on demand only if a frame is larger
        if (c.in.position() == c.in.capacity()) {
            c.in = ByteBuffer.allocate(c.in.capacity() * 2).put(c.in.flip());
        }
    }

    private static ByteBuffer frame(int cmd, int seq, byte[] body) {
        return ByteBuffer.allocate(HEADER + body.length).putInt(HEADER).putInt(1).putInt(cmd).putInt(seq)
                .putInt(body.length).put(body).flip();
    }

    private String token(long userId) {
        long now = System.currentTimeMillis();
        byte[] id = new byte[16];
        new java.util.Random(userId).nextBytes(id);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = b64.encodeToString(id) + "|1|" + userId + "|" + (now - 1000) + "|" + (now + 86_400_000L);
        String body = b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return "v1." + body + "." + b64.encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
    }

    private static final class Conn {
        final long userId;
        ByteBuffer in = ByteBuffer.allocate(256);
        boolean loggedIn;

        Conn(long userId) {
            this.userId = userId;
        }
    }

    /** The access JVM's heap after a full GC, its RSS (both checked to be positive) and its CPU time. */
    private record Sample(long heapBytes, long rssBytes, long cpuTicks, long nanos) {
        static Sample cpuOnly(AccessJvm access) throws CannotMeasureException {
            return new Sample(0, 0, access.cpuTicks(), System.nanoTime());
        }

        static Sample take(AccessJvm access) throws CannotMeasureException {
            return new Sample(access.heapAfterFullGc(), access.rssBytes(), access.cpuTicks(), System.nanoTime());
        }
    }
}
