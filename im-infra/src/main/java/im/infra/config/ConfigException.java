package im.infra.config;

/** A configuration value is missing or invalid; the message names the key. Fatal at start-up. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
