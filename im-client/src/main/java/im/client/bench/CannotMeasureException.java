package im.client.bench;

/**
 * A benchmark figure that could not be read, or read as something no real measurement gives (a
 * heap of 0 bytes, a negative cost per connection). The run stops with the message, one line that
 * names the figure and why, instead of printing a number.
 */
final class CannotMeasureException extends Exception {
    private static final long serialVersionUID = 1L;

    CannotMeasureException(String reason) {
        super(reason);
    }

    CannotMeasureException(String reason, Throwable cause) {
        super(reason + ": " + cause, cause);
    }
}
