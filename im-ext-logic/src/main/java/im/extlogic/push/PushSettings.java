package im.extlogic.push;

import im.infra.config.ConfigException;
import im.infra.config.ImConfig;
import java.net.URI;
import java.util.Optional;

/**
 * The offline-push configuration, read once from {@code deploy/config/im-ext-logic.properties}.
 *
 * @param consumerGroup        {@code push.consumer.group}, default {@code im-ext-logic-push}
 * @param mergeWindowMillis    events for one user within this window become one notification
 *                             ({@code push.merge-window.ms}, 3000: long enough to catch a burst in a
 *                             chat, short enough that the phone still buzzes "now")
 * @param maxPendingUsers      users with a notification being merged; beyond it new users' events are
 *                             redelivered later ({@code push.merge.max-users}, 10000)
 * @param webhookUrl           the HTTP provider's endpoint ({@code push.webhook.url}); empty: the
 *                             logging provider only
 * @param connectTimeoutMillis {@code push.webhook.connect-timeout.ms}, 2000
 * @param requestTimeoutMillis {@code push.webhook.request-timeout.ms}, 5000
 * @param maxAttempts          tries per notification before the dead-letter topic
 *                             ({@code push.retry.max-attempts}, 5)
 * @param initialBackoffMillis the wait before the 2nd try, doubled each time
 *                             ({@code push.retry.initial-backoff.ms}, 1000)
 * @param maxBackoffMillis     the longest wait between tries ({@code push.retry.max-backoff.ms}, 30000)
 * @param dispatchThreads      threads calling the provider ({@code push.dispatch.threads}, 4)
 * @param dispatchQueue        notifications waiting for a thread; when full, a notification goes to
 *                             the dead-letter topic at once ({@code push.dispatch.queue-capacity}, 10000)
 * @param breakerErrors        failures within 10 s that open the provider's circuit
 *                             ({@code push.breaker.error-count}, 10)
 * @param breakerOpenSeconds   how long an open circuit refuses calls before one probe
 *                             ({@code push.breaker.open-seconds}, 10)
 */
public record PushSettings(String consumerGroup, int mergeWindowMillis, int maxPendingUsers,
                           Optional<URI> webhookUrl, int connectTimeoutMillis, int requestTimeoutMillis,
                           int maxAttempts, int initialBackoffMillis, int maxBackoffMillis, int dispatchThreads,
                           int dispatchQueue, int breakerErrors, int breakerOpenSeconds) {

    public static PushSettings from(ImConfig c) {
        String url = c.string("push.webhook.url", "").strip();
        Optional<URI> webhook = Optional.empty();
        if (!url.isEmpty()) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("push.webhook.url is not a URL: " + url);
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new ConfigException("push.webhook.url must be http or https: " + url);
            }
            webhook = Optional.of(uri);
        }
        return new PushSettings(
                c.string("push.consumer.group", "im-ext-logic-push"),
                c.intValue("push.merge-window.ms", 3000, 0, 60_000),
                c.intValue("push.merge.max-users", 10_000, 1, 1_000_000),
                webhook,
                c.intValue("push.webhook.connect-timeout.ms", 2000, 100, 60_000),
                c.intValue("push.webhook.request-timeout.ms", 5000, 100, 120_000),
                c.intValue("push.retry.max-attempts", 5, 1, 20),
                c.intValue("push.retry.initial-backoff.ms", 1000, 1, 600_000),
                c.intValue("push.retry.max-backoff.ms", 30_000, 1, 3_600_000),
                c.intValue("push.dispatch.threads", 4, 1, 64),
                c.intValue("push.dispatch.queue-capacity", 10_000, 1, 1_000_000),
                c.intValue("push.breaker.error-count", 10, 1, 10_000),
                c.intValue("push.breaker.open-seconds", 10, 1, 3600));
    }
}
