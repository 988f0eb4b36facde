package im.extlogic.push;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider that writes each notification to the logger {@code im.push.notifications}: the
 * development default when no webhook is configured, and a record an operator can follow.
 */
public final class LoggingPushProvider implements PushProvider {
    private static final Logger log = LoggerFactory.getLogger("im.push.notifications");

    @Override
    public String name() {
        return "logging";
    }

    @Override
    public void send(PushNotification n) {
        log.info("push: {}", n.toJson());
    }
}
