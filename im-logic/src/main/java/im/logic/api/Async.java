package im.logic.api;

import im.api.ErrorCode;
import im.api.ImException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocking work turned into the futures the asynchronous {@code MessageService} answers with: run on
 * a bounded pool, a refusal becomes the future's failure, a full pool {@code BUSY}, an unexpected
 * failure {@code INTERNAL} (logged).
 */
public final class Async {
    private static final Logger log = LoggerFactory.getLogger(Async.class);

    private Async() {
    }

    /** A blocking step that may refuse. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws ImException;
    }

    public static <T> CompletableFuture<T> on(Executor pool, Call<T> call) {
        CompletableFuture<T> out = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    out.complete(call.run());
                } catch (ImException e) {
                    out.completeExceptionally(e);
                } catch (RuntimeException e) {
                    log.error("Failed to serve a messaging call: {}", e.toString(), e);
                    out.completeExceptionally(new ImException(ErrorCode.INTERNAL, "internal error"));
                }
            });
        } catch (RejectedExecutionException e) {
            out.completeExceptionally(ImException.stackless(ErrorCode.BUSY, "overloaded, retry with backoff"));
        }
        return out;
    }
}
