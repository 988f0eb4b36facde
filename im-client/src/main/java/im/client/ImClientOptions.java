package im.client;

import im.client.transport.FrameCodec;
import java.time.Duration;

/**
 * Settings of an {@link ImClient}; immutable, validated in the constructor.
 *
 * @param transport         TCP or WebSocket
 * @param heartbeatInterval PROTOCOL.md: every 30 s (the server closes after 75 s of silence)
 * @param requestTimeout    how long a request waits for its answer
 * @param sendAttempts      how often an unanswered (or BUSY / RATE_LIMITED) send is transmitted (same client_msg_id) before its
 *                          future fails; the server de-duplicates
 * @param reconnectBase     first reconnect delay ceiling; doubles per attempt with jitter
 * @param reconnectMax      largest reconnect delay ceiling
 * @param syncPageSize      entries per SYNC page, 1..500
 * @param maxBodyLength     largest frame body accepted from the server
 * @param localAddress      the source address to connect from, or null for the system's choice; a
 *                          load generator spreads clients over 127.0.0.x because one source address
 *                          has only about 28,000 ephemeral ports towards one server port
 */
public record ImClientOptions(Transport transport, Duration heartbeatInterval, Duration requestTimeout,
                              int sendAttempts, Duration reconnectBase, Duration reconnectMax, int syncPageSize,
                              int maxBodyLength, String localAddress) {

    public enum Transport { TCP, WEBSOCKET }

    public ImClientOptions {
        positive(heartbeatInterval, "heartbeatInterval");
        positive(requestTimeout, "requestTimeout");
        positive(reconnectBase, "reconnectBase");
        positive(reconnectMax, "reconnectMax");
        if (transport == null) {
            throw new IllegalArgumentException("transport is required");
        }
        if (sendAttempts < 1) {
            throw new IllegalArgumentException("sendAttempts must be >= 1: " + sendAttempts);
        }
        if (syncPageSize < 1 || syncPageSize > 500) {
            throw new IllegalArgumentException("syncPageSize must be 1..500: " + syncPageSize);
        }
        if (maxBodyLength < 1) {
            throw new IllegalArgumentException("maxBodyLength must be positive: " + maxBodyLength);
        }
        if (reconnectMax.compareTo(reconnectBase) < 0) {
            throw new IllegalArgumentException("reconnectMax must be >= reconnectBase: " + reconnectMax);
        }
        if (localAddress != null && localAddress.isBlank()) {
            throw new IllegalArgumentException("localAddress must be null or an address, not blank");
        }
    }

    /** Without a source address: the system chooses. */
    public ImClientOptions(Transport transport, Duration heartbeatInterval, Duration requestTimeout, int sendAttempts,
                           Duration reconnectBase, Duration reconnectMax, int syncPageSize, int maxBodyLength) {
        this(transport, heartbeatInterval, requestTimeout, sendAttempts, reconnectBase, reconnectMax, syncPageSize,
                maxBodyLength, null);
    }

    /** Protocol defaults: 30 s heartbeats, 10 s requests, 3 send attempts, 0.5..30 s reconnects. */
    public static ImClientOptions defaults(Transport transport) {
        return new ImClientOptions(transport, Duration.ofSeconds(30), Duration.ofSeconds(10), 3,
                Duration.ofMillis(500), Duration.ofSeconds(30), 200, FrameCodec.DEFAULT_MAX_BODY);
    }

    public ImClientOptions withTimeouts(Duration heartbeat, Duration request) {
        return new ImClientOptions(transport, heartbeat, request, sendAttempts, reconnectBase, reconnectMax,
                syncPageSize, maxBodyLength, localAddress);
    }

    public ImClientOptions withReconnect(Duration base, Duration max) {
        return new ImClientOptions(transport, heartbeatInterval, requestTimeout, sendAttempts, base, max,
                syncPageSize, maxBodyLength, localAddress);
    }

    /** @param address e.g. {@code 127.0.0.2}, or null for the system's choice */
    public ImClientOptions withLocalAddress(String address) {
        return new ImClientOptions(transport, heartbeatInterval, requestTimeout, sendAttempts, reconnectBase,
                reconnectMax, syncPageSize, maxBodyLength, address);
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
