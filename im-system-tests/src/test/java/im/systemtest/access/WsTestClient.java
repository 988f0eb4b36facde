package im.systemtest.access;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** {@link TestClient} over {@link java.net.http.WebSocket}: one binary message per frame. */
final class WsTestClient extends TestClient {
    private final WebSocket ws;

    WsTestClient(int port) throws Exception {
        ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new Listener())
                .get(10, TimeUnit.SECONDS);
    }

    private final class Listener implements WebSocket.Listener {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            partial.writeBytes(bytes);
            if (last) {
                received(WireFrame.decode(ByteBuffer.wrap(partial.toByteArray())));
                partial.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            serverClosed();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            serverClosed();
        }
    }

    @Override
    synchronized void send(WireFrame f) throws IOException {
        sendRaw(f.encode());
    }

    @Override
    synchronized void sendRaw(byte[] bytes) throws IOException {
        try {
            ws.sendBinary(ByteBuffer.wrap(bytes), true).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("send failed", e);
        }
    }

    @Override
    public void close() {
        stopHeartbeats();
        ws.abort();
    }
}
