package im.systemtest;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.apache.dubbo.rpc.RpcException;

/** Helpers the system tests share. */
public final class ItSupport {
    private ItSupport() {
    }

    public interface Call<T> {
        T call() throws Exception;
    }

    /** Retries a Dubbo call while no provider is registered yet (processes still starting), up to 30 s. */
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
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
