package im.systemtest;

import java.time.Duration;
import org.apache.dubbo.rpc.RpcException;

/** Helpers the system tests share. */
public final class ItSupport {
    private ItSupport() {
    }

    public interface Call<T> {
        T call() throws Exception;
    }

    /**
     * Retries a Dubbo call while no provider is registered yet (processes still starting) or the provider
     * answers BUSY (a node warming up sheds what waited too long), up to 30 s, as clients do: a retried
     * send carries the same client_msg_id, so it is stored once.
     */
    public static <T> T retrying(Call<T> call) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return call.call();
            } catch (RpcException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            } catch (im.api.ImException e) {
                if (e.code() != im.api.ErrorCode.BUSY || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * The answer of an asynchronous Dubbo call, waited for: a refusal is thrown as the provider's
     * {@link im.api.ImException}, a transport failure as the {@link RpcException} ({@link #retrying}
     * retries those).
     */
    public static <T> T answer(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        try {
            return future.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RpcException rpc && rpc.getCause() instanceof im.api.ImException ie) {
                throw ie;
            }
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

}
