package im.client.cli;

import im.api.ErrorCode;
import im.api.protocol.Message;
import im.client.Endpoint;
import im.client.HttpApi;
import im.client.ImClient;
import im.client.ImClientException;
import im.client.ImClientOptions;
import im.client.ImListener;
import im.client.LoginClient;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One {@code im-cli} run's session: the HTTP login, then (for message commands) one SDK device on
 * the least-loaded access node. Received messages and kickouts are queued for the main thread or
 * handed to a callback. Closing logs the device out and stops its event loop.
 */
final class Session implements AutoCloseable {
    /** A KICKOUT, queued like a message so a waiting command wakes up. */
    record Kick(int reason, String message) {
    }

    private final LoginClient.Login login;
    private final HttpApi api;
    private final Duration timeout;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private Consumer<Object> onEvent;
    private EventLoopGroup group;
    private ImClient client;

    private Session(LoginClient.Login login, HttpApi api, Duration timeout) {
        this.login = login;
        this.api = api;
        this.timeout = timeout;
    }

    /** The HTTP login only: enough for the group routes. */
    static Session login(ImCli cli) throws IOException, InterruptedException {
        String base = HttpApi.baseUrl(cli.server);
        String account = cli.user();
        String password = cli.password();
        LoginClient.Login login = new LoginClient(base).login(cli.tenant, account, password);
        return new Session(login, new HttpApi(base, cli.timeout()), cli.timeout());
    }

    /**
     * Logs in and connects a device.
     *
     * @param sinceSeq where the device's stream starts: {@link ImClient#FROM_FIRST_LOGIN} for only
     *                 what arrives from now on, or a seq whose later entries are synced and delivered
     */
    static Session connect(ImCli cli, long sinceSeq) throws IOException, InterruptedException {
        Session s = login(cli);
        try {
            s.open(cli, sinceSeq);
            return s;
        } catch (RuntimeException | InterruptedException e) {
            s.close();
            throw e;
        }
    }

    private void open(ImCli cli, long sinceSeq) throws InterruptedException {
        List<Endpoint> endpoints = cli.endpoints(login.endpoints());
        if (endpoints.isEmpty()) {
            throw new ImClientException(ErrorCode.BUSY.code(), "the server lists no access node to connect to");
        }
        group = ImClient.newEventLoopGroup(1, "im-cli");
        ImClientOptions options = ImClientOptions.defaults(cli.transport.sdk).withTimeouts(Duration.ofSeconds(30),
                timeout);
        client = new ImClient(options, group, new ImListener() {
            @Override
            public void onMessages(List<Message> messages) {
                messages.forEach(Session.this::event);
            }

            @Override
            public void onKickout(int reason, String message) {
                event(new Kick(reason, message));
            }
        }, sinceSeq);
        await(client.connect(endpoints, login.token(), cli.device, cli.platform.wire));
    }

    /** Synchronized with {@link #onEvent} so the switch to a callback keeps the order of events. */
    private synchronized void event(Object e) {
        if (onEvent != null) {
            onEvent.accept(e);
        } else {
            inbox.add(e);
        }
    }

    /** From now on, messages and kicks go to {@code callback} (on the SDK's thread), not the queue. */
    synchronized void onEvent(Consumer<Object> callback) {
        Object queued;
        while ((queued = inbox.poll()) != null) {
            callback.accept(queued);
        }
        this.onEvent = callback;
    }

    /** The next received message or {@link Kick}, or null after {@code wait}. */
    Object nextEvent(Duration wait) throws InterruptedException {
        return inbox.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    LoginClient.Login login() {
        return login;
    }

    long userId() {
        return login.userId();
    }

    String token() {
        return login.token();
    }

    HttpApi api() {
        return api;
    }

    ImClient client() {
        if (client == null) {
            throw new IllegalStateException("not connected");
        }
        return client;
    }

    /** The answer of a request, or {@link ImClientException} (BUSY for a timeout). */
    <T> T await(CompletableFuture<T> future) throws InterruptedException {
        try {
            // the SDK times requests out itself; this bound only guards against a lost callback
            return future.get(timeout.toMillis() * 4 + 5000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new ImClientException(ErrorCode.INTERNAL.code(), String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            throw new ImClientException(ErrorCode.BUSY.code(), "no answer within " + timeout.toSeconds() + " s");
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (group != null) {
            // the LOGOUT_REQ of close() is written on the loop: let it leave before the loop stops
            group.shutdownGracefully(200, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
    }
}
