package im.client;

/**
 * One access node as the HTTP login lists it (least-loaded first).
 *
 * @param tcp {@code host:port} of the TCP transport
 * @param ws  {@code ws://host:port/ws} of the WebSocket transport
 */
public record Endpoint(String tcp, String ws) {
}
