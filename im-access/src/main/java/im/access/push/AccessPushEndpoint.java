package im.access.push;

import im.access.session.Connection;
import im.access.session.SessionKicker;
import im.access.session.SessionRegistry;
import im.access.transport.codec.Frame;
import im.api.ErrorCode;
import im.api.ImException;
import im.api.access.AccessPushService;
import im.api.access.KickRequest;
import im.api.access.PushRequest;
import im.api.access.PushResult;
import im.api.protocol.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * This node's {@link AccessPushService}, exported in group {@code im-access}. Runs on Dubbo's
 * provider threads: it validates and hands each write to the connection's event loop, which says
 * whether it wrote (it never blocks), so the result counts real writes; {@link #push} waits up to a
 * second for that, {@link #pushAll} answers asynchronously.
 * Thread-safe.
 */
public final class AccessPushEndpoint implements AccessPushService {
    private static final long WAIT_MILLIS = 1000;
    private static final PushResult NOTHING = new PushResult(0, 0);

    private final SessionRegistry registry;
    private final PushDelivery delivery;
    private final SessionKicker kicker;
    private final int maxBodyBytes;

    public AccessPushEndpoint(SessionRegistry registry, PushDelivery delivery, SessionKicker kicker, int maxBodyBytes) {
        this.registry = registry;
        this.delivery = delivery;
        this.kicker = kicker;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public PushResult push(PushRequest request) throws ImException {
        Frame frame = validate(request);
        return write(request, frame).join(); // bounded: every write times out after WAIT_MILLIS
    }

    @Override
    public CompletableFuture<List<PushResult>> pushAll(List<PushRequest> requests) {
        if (requests == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<CompletableFuture<PushResult>> results = new ArrayList<>(requests.size());
        for (PushRequest request : requests) {
            Frame frame;
            try {
                frame = validate(request);
            } catch (ImException e) {
                results.add(CompletableFuture.completedFuture(NOTHING));
                continue;
            }
            results.add(write(request, frame));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> results.stream().map(CompletableFuture::join).toList());
    }

    private Frame validate(PushRequest request) throws ImException {
        if (request == null || request.body() == null) {
            throw new ImException(ErrorCode.BAD_REQUEST, "request and body are required");
        }
        Command cmd = Command.of(request.cmd());
        if (cmd != Command.MSG_PUSH && cmd != Command.RECEIPT_NOTIFY && cmd != Command.READ_SYNC_NOTIFY) {
            throw new ImException(ErrorCode.BAD_REQUEST, "cmd must be MSG_PUSH, RECEIPT_NOTIFY or READ_SYNC_NOTIFY, was "
                    + request.cmd());
        }
        if (request.body().length > maxBodyBytes) {
            throw new ImException(ErrorCode.TOO_LARGE, "body of " + request.body().length + " bytes over the limit of "
                    + maxBodyBytes);
        }
        if (request.ackSeq() < 0 || (request.ackSeq() > 0 && cmd != Command.MSG_PUSH)) {
            throw new ImException(ErrorCode.BAD_REQUEST, "ackSeq must be 0, or positive on a MSG_PUSH");
        }
        return new Frame(cmd, 0, request.body());
    }

    /**
     * Hands the frame to the event loop of each of the user's connections here; completes when they
     * have all answered, or after {@value #WAIT_MILLIS} ms counting the silent ones as skipped.
     */
    private CompletableFuture<PushResult> write(PushRequest request, Frame frame) {
        List<CompletableFuture<Boolean>> writes = new ArrayList<>(3);
        for (Connection c : registry.connectionsOf(request.userId())) {
            if (c.id() == request.excludeConnectionId()) {
                continue;
            }
            CompletableFuture<Boolean> written = new CompletableFuture<>();
            c.channel().eventLoop().execute(() -> written.complete(delivery.deliver(c, frame, request.ackSeq())));
            writes.add(written.completeOnTimeout(false, WAIT_MILLIS, TimeUnit.MILLISECONDS));
        }
        if (writes.isEmpty()) {
            return CompletableFuture.completedFuture(NOTHING);
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(done -> {
            int ok = 0;
            for (CompletableFuture<Boolean> w : writes) {
                if (w.join()) {
                    ok++;
                }
            }
            return new PushResult(ok, writes.size() - ok);
        });
    }

    @Override
    public boolean kick(KickRequest request) throws ImException {
        if (request == null || request.reason() < 1 || request.reason() > 3) {
            throw new ImException(ErrorCode.BAD_REQUEST, "reason must be 1, 2 or 3");
        }
        return kicker.kick(request.connectionId(), request.userId(), request.reason(), request.message());
    }
}
