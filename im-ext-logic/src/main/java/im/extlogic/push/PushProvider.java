package im.extlogic.push;

/**
 * Delivers notifications to a vendor push service (APNs, FCM, a vendor gateway) or a stand-in.
 * Implementations are plain classes passed to {@link PushDispatcher} by the composition root.
 * Called from the dispatcher's threads, possibly concurrently: implementations are thread-safe and
 * bound every remote call with a timeout.
 */
public interface PushProvider {

    /** For logs and metrics, e.g. {@code webhook}. */
    String name();

    /** Delivers {@code n}; returns normally only when the provider accepted it. */
    void send(PushNotification n) throws PushException;
}
