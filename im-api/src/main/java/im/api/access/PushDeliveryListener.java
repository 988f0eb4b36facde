package im.api.access;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Implemented by the logic tier (Dubbo group {@code im-logic}) and called by access nodes, in
 * batches, for pushes that were not acknowledged. Asynchronous on the caller's side: an access node
 * never waits for it, and a report that fails (no provider yet, timeout) is logged and counted
 * ({@code im_access_push_undelivered_report_failures_total}), not retried: the client still
 * {@code SYNC}s on its next login.
 */
public interface PushDeliveryListener {

    /** Takes a batch of undelivered pushes; completes when the logic tier has queued them. */
    CompletableFuture<Void> undelivered(List<UndeliveredPush> pushes);
}
