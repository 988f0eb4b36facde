package im.access.session;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageService;
import im.api.message.SendBatch;
import im.api.message.SessionCaller;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Carries the node's {@code SEND} frames to im-logic in {@link SendBatch}es, one Dubbo call for many
 * sends: per call the RPC framework (filters, attachments, the envelope's serialization) cost the
 * gateway and im-logic more CPU than the send itself. Sends are queued by route
 * ({@link SendBatch#routeOf}); a route has at most {@value #IN_FLIGHT_PER_ROUTE} calls open, and what
 * arrives meanwhile goes in the next call (up to {@value #MAX_ITEMS} sends). So an idle gateway sends
 * each frame at once, alone, and a loaded one sends batches as large as the load, with no timer and no
 * added wait. A route's calls go, in order, over the one connection to the route's node, which hands
 * their items to the lanes in order: a connection's sends to one conversation keep their order.
 *
 * <p>Overload: a send that waited longer than {@code maxWaitNanos} for its route's call is answered
 * {@code BUSY} (1503, retry with backoff) instead of sent: when im-logic falls behind, the queue in
 * front of it holds at most that much work, so admitted sends keep a bounded latency and im-logic
 * still always has the next call ready. Thread-safe.
 */
final class SendBatcher {
    /** Calls open per route: one being served while the next one fills. */
    static final int IN_FLIGHT_PER_ROUTE = 2;
    /** Sends per call at most. */
    static final int MAX_ITEMS = 256;

    private final Supplier<MessageService> messages;
    private final long maxWaitNanos;
    private final Route[] routes = new Route[SendBatch.ROUTES];

    /** @param maxWaitNanos how long a send may wait for its route's call before it is answered BUSY */
    SendBatcher(Supplier<MessageService> messages, long maxWaitNanos) {
        this.messages = messages;
        this.maxWaitNanos = maxWaitNanos;
        for (int i = 0; i < routes.length; i++) {
            routes[i] = new Route(i);
        }
    }

    /**
     * Queues one send.
     *
     * @param body the client's {@code SendReq} body, passed on as it is
     * @return completes with im-logic's {@code SendResp} body for it, or fails as the call failed
     */
    CompletableFuture<byte[]> submit(SessionCaller caller, int route, byte[] body) {
        Item item = new Item(caller, body, new CompletableFuture<>(), System.nanoTime());
        routes[route].add(item);
        return item.answer;
    }

    private record Item(SessionCaller caller, byte[] body, CompletableFuture<byte[]> answer, long queuedNanos) {
    }

    private static final ImException WAITED_TOO_LONG = ImException.stackless(ErrorCode.BUSY,
            "overloaded: the send waited too long for the logic tier, retry with backoff");

    private final class Route {
        private final int id;
        private final ArrayDeque<Item> pending = new ArrayDeque<>();
        private int inFlight;

        Route(int id) {
            this.id = id;
        }

        void add(Item item) {
            List<Item> batch;
            List<Item> expired = new ArrayList<>(0);
            synchronized (this) {
                pending.add(item);
                batch = takeIfFree(expired);
            }
            refuse(expired);
            if (batch != null) {
                call(batch);
            }
        }

        /**
         * The next batch when a call may open (counted in), else null; sends that waited too long go to
         * {@code expired} instead. Under this route's lock.
         */
        private List<Item> takeIfFree(List<Item> expired) {
            if (pending.isEmpty() || inFlight >= IN_FLIGHT_PER_ROUTE) {
                return null;
            }
            long now = System.nanoTime();
            List<Item> batch = new ArrayList<>(Math.min(pending.size(), MAX_ITEMS));
            while (!pending.isEmpty() && batch.size() < MAX_ITEMS) {
                Item next = pending.poll();
                if (now - next.queuedNanos > maxWaitNanos) {
                    expired.add(next);
                } else {
                    batch.add(next);
                }
            }
            if (batch.isEmpty()) {
                return null;
            }
            inFlight++;
            return batch;
        }

        private void refuse(List<Item> expired) {
            for (Item item : expired) {
                item.answer.completeExceptionally(WAITED_TOO_LONG);
            }
        }

        private void call(List<Item> batch) {
            CompletableFuture<byte[][]> answer;
            try {
                answer = messages.get().sendBatch(batchOf(batch));
            } catch (Exception e) { // no provider, a refused batch: every item fails as the call did
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((responses, failure) -> {
                List<Item> next;
                List<Item> expired = new ArrayList<>(0);
                synchronized (this) {
                    inFlight--;
                    next = takeIfFree(expired);
                }
                refuse(expired);
                for (int i = 0; i < batch.size(); i++) {
                    CompletableFuture<byte[]> f = batch.get(i).answer;
                    if (failure != null) {
                        f.completeExceptionally(failure);
                    } else if (responses == null || responses.length != batch.size()) {
                        f.completeExceptionally(new IllegalStateException("im-logic answered "
                                + (responses == null ? "nothing" : responses.length + " items") + " to a batch of "
                                + batch.size()));
                    } else {
                        f.complete(responses[i]);
                    }
                }
                if (next != null) {
                    call(next);
                }
            });
        }

        private SendBatch batchOf(List<Item> batch) {
            List<SessionCaller> callers = new ArrayList<>(batch.size());
            List<byte[]> bodies = new ArrayList<>(batch.size());
            for (Item item : batch) {
                callers.add(item.caller);
                bodies.add(item.body);
            }
            return SendBatch.of(id, callers, bodies);
        }
    }
}
