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
import java.nio.file.Files;
import java.nio.file.Path;
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
 * access JVM's RSS and CPU time from /proc and its heap after a full GC ({@code jcmd GC.run} and
 * {@code GC.heap_info}) before and after, and prints heap and RSS per connection, the heartbeat CPU
 * as a share of one core, and the login rate. One thread, one selector: this process holds
 * {@code --connections} file descriptors.
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
        new IdleConnectionBench(opts).run();
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

        Sample before = pid > 0 ? Sample.take(pid) : null;
        if (before != null) {
            System.out.printf("before: heap %.1f MiB, RSS %.1f MiB%n", before.heapBytes / 1048576.0, before.rssBytes / 1048576.0);
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

        Sample held = pid > 0 ? Sample.take(pid) : null;
        long holdStart = System.nanoTime();
        long holdNanos = holdSeconds * 1_000_000_000L;
        long periodNanos = heartbeatSeconds * 1_000_000_000L;
        long sentBefore = heartbeatsSent;
        Sample warm = null;
        while (System.nanoTime() - holdStart < holdNanos) {
            if (warm == null && pid > 0 && System.nanoTime() - holdStart >= warmupSeconds * 1_000_000_000L) {
                warm = Sample.cpuOnly(pid); // JIT and the login aftermath are over: measure from here
            }
            heartbeats(System.nanoTime() - start, periodNanos);
            poll(20);
        }
        Sample after = pid > 0 ? Sample.take(pid) : null;
        int open = (int) channels.stream().filter(SocketChannel::isOpen).count();
        System.out.printf("held %d connections for %d s, %d heartbeats sent while holding, %d answered in all%n", open,
                holdSeconds, heartbeatsSent - sentBefore, heartbeatsAnswered);
        if (before != null) {
            double perConnHeap = (held.heapBytes - before.heapBytes) / (double) loggedIn;
            double perConnRss = (held.rssBytes - before.rssBytes) / (double) loggedIn;
            Sample from = warm == null ? held : warm;
            double cpuShare = (after.cpuTicks - from.cpuTicks) / (double) Sample.CLOCK_TICKS
                    / ((after.nanos - from.nanos) / 1e9);
            System.out.printf("heap after full GC: %.1f MiB -> %.1f MiB: %.0f bytes per connection%n",
                    before.heapBytes / 1048576.0, held.heapBytes / 1048576.0, perConnHeap);
            System.out.printf("RSS: %.1f MiB -> %.1f MiB: %.0f bytes per connection%n",
                    before.rssBytes / 1048576.0, held.rssBytes / 1048576.0, perConnRss);
            System.out.printf("access CPU while holding, after %d s of warm-up (heartbeats every %d s): %.2f%% of one core%n",
                    warm == null ? 0 : warmupSeconds, heartbeatSeconds, cpuShare * 100);
            System.out.printf("projected connections per 24 GiB of heap at this rate: %.0f%n",
                    24.0 * 1024 * 1024 * 1024 / perConnHeap);
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

    /** The access JVM's heap after a full GC, its RSS and its CPU time. */
    private record Sample(long heapBytes, long rssBytes, long cpuTicks, long nanos) {
        static final long CLOCK_TICKS = 100; // USER_HZ on Linux

        static Sample cpuOnly(long pid) throws IOException {
            return new Sample(0, 0, cpuTicks(pid), System.nanoTime());
        }

        private static long cpuTicks(long pid) throws IOException {
            String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
            return Long.parseLong(stat[11]) + Long.parseLong(stat[12]); // utime + stime
        }

        static Sample take(long pid) throws IOException, InterruptedException {
            jcmd(pid, "GC.run");
            String heapInfo = jcmd(pid, "GC.heap_info");
            long heap = parseUsedKb(heapInfo) * 1024;
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return new Sample(heap, rss, cpuTicks(pid), System.nanoTime());
        }

        /** Sums every "used NNNK" in GC.heap_info's first lines (one per generation or the whole heap). */
        private static long parseUsedKb(String heapInfo) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(heapInfo);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }

        private static String jcmd(long pid, String command) throws IOException, InterruptedException {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        }
    }
}
