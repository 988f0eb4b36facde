package im.systemtest.access;

import im.api.protocol.CommonResp;
import im.api.protocol.LoginReq;
import im.api.protocol.LoginResp;
import im.api.protocol.Platform;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal client over TCP or WebSocket (the SDK of issue 9 does not exist yet): frames arrive on a
 * reader thread into a queue; heartbeat answers are counted apart so tests see only what matters;
 * every {@code ERROR} frame is also kept in {@link #errors()}.
 */
abstract class TestClient implements AutoCloseable {
    private final BlockingQueue<WireFrame> inbox = new LinkedBlockingQueue<>();
    private final List<WireFrame> errors = new CopyOnWriteArrayList<>();
    private volatile int heartbeatAnswers;
    private volatile boolean closedByServer;
    private Thread heartbeats;

    abstract void send(WireFrame f) throws IOException;

    /** Sends raw bytes as they are (one WebSocket message on WebSocket). */
    abstract void sendRaw(byte[] bytes) throws IOException;

    @Override
    public abstract void close();

    /** Called by the reader for every frame. */
    protected void received(WireFrame f) {
        if (f.cmd() == WireFrame.HEARTBEAT_RESP) {
            heartbeatAnswers++;
            return;
        }
        if (f.cmd() == WireFrame.ERROR) {
            errors.add(f);
        }
        inbox.add(f);
    }

    protected void serverClosed() {
        closedByServer = true;
    }

    LoginResp login(String token, Platform platform) throws Exception {
        return login(token, platform, "it");
    }

    LoginResp login(String token, Platform platform, String deviceId) throws Exception {
        send(new WireFrame(WireFrame.LOGIN_REQ, 1, LoginReq.newBuilder().setToken(token).setDeviceId(deviceId)
                .setPlatform(platform).build().toByteArray()));
        WireFrame f = next(Duration.ofSeconds(15));
        if (f.cmd() != WireFrame.LOGIN_RESP) {
            throw new AssertionError("expected LOGIN_RESP, got cmd " + f.cmd() + " " + describe(f));
        }
        return LoginResp.parseFrom(f.body());
    }

    /** Sends a heartbeat every {@code period} from a daemon thread until closed. */
    void heartbeatEvery(Duration period) {
        heartbeats = new Thread(() -> {
            int seq = 1000;
            try {
                while (!Thread.currentThread().isInterrupted() && !closedByServer) {
                    send(new WireFrame(WireFrame.HEARTBEAT_REQ, seq++, new byte[0]));
                    Thread.sleep(period.toMillis());
                }
            } catch (IOException | InterruptedException e) {
                // closed
            }
        }, "it-heartbeat");
        heartbeats.setDaemon(true);
        heartbeats.start();
    }

    protected void stopHeartbeats() {
        if (heartbeats != null) {
            heartbeats.interrupt();
        }
    }

    /** The next non-heartbeat frame; fails after {@code timeout}. */
    WireFrame next(Duration timeout) throws InterruptedException {
        WireFrame f = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (f == null) {
            throw new AssertionError("no frame within " + timeout + (closedByServer ? " (server closed)" : ""));
        }
        return f;
    }

    /** Frames received so far and not taken. */
    /**
     * Skips frames until one with {@code cmd} arrives and returns it; the skipped ones are added to
     * {@code skipped} when it is not null. Fails after {@code timeout}.
     */
    WireFrame awaitCmd(int cmd, Duration timeout, List<WireFrame> skipped) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            WireFrame f = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
            if (f == null) {
                throw new AssertionError("no frame with cmd " + cmd + " within " + timeout
                        + (closedByServer ? " (server closed)" : ""));
            }
            if (f.cmd() == cmd) {
                return f;
            }
            if (skipped != null) {
                skipped.add(f);
            }
        }
    }

    List<WireFrame> drain() {
        List<WireFrame> out = new ArrayList<>();
        inbox.drainTo(out);
        return out;
    }

    /** Waits until the server closed the connection; true if it did within {@code timeout}. */
    boolean awaitServerClose(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closedByServer && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return closedByServer;
    }

    boolean closedByServer() {
        return closedByServer;
    }

    int heartbeatAnswers() {
        return heartbeatAnswers;
    }

    List<WireFrame> errors() {
        return errors;
    }

    static String describe(WireFrame f) {
        try {
            CommonResp r = CommonResp.parseFrom(f.body());
            return "code=" + r.getCode() + " message=" + r.getMessage();
        } catch (IOException e) {
            return "body of " + f.body().length + " bytes";
        }
    }
}
