package im.client.bench;

import im.api.protocol.Platform;
import im.client.Endpoint;
import im.client.ImClient;
import im.client.ImClientOptions;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A worker's simulated users: one SDK client each, all on one shared event-loop group, connected
 * from the worker's source address with at most {@link #CONNECT_WINDOW} logins in flight.
 */
final class Fleet implements AutoCloseable {
    /** Logins in flight per worker: the gateway's login queue holds 2048, so a few workers never fill it. */
    static final int CONNECT_WINDOW = 200;

    private final WorkerSpec spec;
    private final EventLoopGroup group;
    private final List<ImClient> clients = new ArrayList<>();

    Fleet(WorkerSpec spec, Driver driver, Duration reconnectBase, Duration reconnectMax) {
        this.spec = spec;
        this.group = ImClient.newEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                "bench-w" + spec.index());
        ImClientOptions options = ImClientOptions.defaults(ImClientOptions.Transport.valueOf(spec.transport()))
                .withLocalAddress(spec.sourceIp()).withReconnect(reconnectBase, reconnectMax);
        for (int i = 0; i < spec.users().size(); i++) {
            clients.add(new ImClient(options, group, driver.listener(i), ImClient.FROM_FIRST_LOGIN));
        }
    }

    List<ImClient> clients() {
        return clients;
    }

    WorkerSpec.BenchUser user(int i) {
        return spec.users().get(i);
    }

    /**
     * Connects and logs in every client; fails naming how many did not make it.
     *
     * @param progress counts the logged-in clients
     */
    void connectAll(AtomicInteger progress, Duration timeout) throws InterruptedException {
        Semaphore window = new Semaphore(CONNECT_WINDOW);
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        for (int i = 0; i < clients.size(); i++) {
            window.acquire();
            List<Endpoint> endpoints = new ArrayList<>(spec.endpoints());
            if (spec.spread()) {
                Collections.rotate(endpoints, -((spec.firstUser() + i) % endpoints.size()));
            }
            clients.get(i).connect(endpoints, user(i).token(), "bench-" + (spec.firstUser() + i), Platform.DESKTOP)
                    .whenComplete((r, e) -> {
                        if (e == null) {
                            progress.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            firstError.compareAndSet(null, e);
                        }
                        window.release();
                    });
        }
        if (!window.tryAcquire(CONNECT_WINDOW, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("only " + progress.get() + " of " + clients.size()
                    + " clients logged in within " + timeout.toSeconds() + " s");
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + clients.size() + " clients could not log in, first: "
                    + firstError.get());
        }
    }

    @Override
    public void close() {
        clients.forEach(ImClient::close);
        group.shutdownGracefully(200, 3000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
