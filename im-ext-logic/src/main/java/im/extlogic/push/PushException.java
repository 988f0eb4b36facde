package im.extlogic.push;

/**
 * A provider did not take a notification. {@link #retryable()} tells the dispatcher whether another
 * try may succeed (timeouts, 5xx, 429, open circuit) or not (the provider refused the request).
 */
public final class PushException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public PushException(String message, boolean retryable) {
        super(message, null, false, false); // routine under failure; the message says enough
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
