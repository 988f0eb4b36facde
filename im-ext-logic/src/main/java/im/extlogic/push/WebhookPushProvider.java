package im.extlogic.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs each notification as JSON to a configured URL (a vendor push gateway, or the development
 * sink), with the notification id in the {@code Idempotency-Key} header so that the receiver can
 * drop a retry of a notification it already took. One attempt per call: retries belong to
 * {@link PushDispatcher}. 2xx is success; 408, 429 and 5xx, timeouts and connection errors are
 * retryable; any other status is a refusal that no retry will change. Thread-safe.
 */
public final class WebhookPushProvider implements PushProvider {
    private final URI url;
    private final Duration requestTimeout;
    private final HttpClient http;

    public WebhookPushProvider(URI url, Duration connectTimeout, Duration requestTimeout) {
        this.url = url;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void send(PushNotification n) throws PushException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", n.id())
                .POST(HttpRequest.BodyPublishers.ofString(n.toJson(), StandardCharsets.UTF_8)).build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new PushException("webhook " + url + " failed: " + e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushException("interrupted while calling webhook " + url, true);
        }
        if (status / 100 == 2) {
            return;
        }
        boolean retryable = status == 408 || status == 429 || status / 100 == 5;
        throw new PushException("webhook " + url + " answered " + status, retryable);
    }
}
