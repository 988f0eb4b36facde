package im.api.ping;

import im.api.ImException;

/**
 * Liveness over Dubbo, exported by every service under its own group (the service name, e.g.
 * {@code im-logic}). A service that depends on others reports in its {@link Pong} whether it can
 * reach them, so one call shows a chain of processes working through the registry.
 */
public interface PingService {

    /**
     * @param caller who is asking, for the provider's log; 1..64 characters
     * @throws ImException {@code BAD_REQUEST} when {@code caller} is blank or too long
     */
    Pong ping(String caller) throws ImException;
}
