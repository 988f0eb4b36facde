package im.api.message;

import java.io.Serializable;
import java.util.List;

/**
 * Several {@code SEND} frames of one access node in one {@link MessageService#sendBatch} call: the
 * callers as parallel arrays and each request as the client's protobuf {@code SendReq} body, so a
 * call costs one Dubbo envelope and a few arrays instead of a call and two Hessian-encoded records per
 * message. Item {@code i} is {@code (tenantIds[i], userIds[i], deviceIds[i], platforms[i],
 * connectionIds[i])} sending {@code requests[i]}; items keep their order into the conversations' lanes.
 *
 * @param route the batch's routing key: every item's conversation maps to it ({@link #routeOf}), so
 *              the batch reaches the one im-logic node those conversations are served by
 */
public record SendBatch(int route, long[] tenantIds, long[] userIds, String[] deviceIds, int[] platforms,
                        long[] connectionIds, byte[][] requests) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Items per batch at most. */
    public static final int MAX_ITEMS = 1024;
    /**
     * Routing keys: conversations are spread over this many, each served by one im-logic node. Few
     * enough that a gateway's sends to one route form batches at moderate load (a gateway batches per
     * route: at 256 routes and 1,000 msg/s nearly every send was a Dubbo call of its own), many enough
     * to spread conversations over the nodes of a logic tier of a few nodes.
     */
    public static final int ROUTES = 32;

    /** A batch of {@code requests.get(i)} sent by {@code callers.get(i)}. */
    public static SendBatch of(int route, List<SessionCaller> callers, List<byte[]> requests) {
        int n = callers.size();
        long[] tenants = new long[n];
        long[] users = new long[n];
        String[] devices = new String[n];
        int[] platforms = new int[n];
        long[] connections = new long[n];
        for (int i = 0; i < n; i++) {
            SessionCaller c = callers.get(i);
            tenants[i] = c.tenantId();
            users[i] = c.userId();
            devices[i] = c.deviceId();
            platforms[i] = c.platform();
            connections[i] = c.connectionId();
        }
        return new SendBatch(route, tenants, users, devices, platforms, connections, requests.toArray(byte[][]::new));
    }

    /** The caller of item {@code i}. */
    public SessionCaller caller(int i) {
        return new SessionCaller(tenantIds[i], userIds[i], deviceIds[i], platforms[i], connectionIds[i]);
    }

    public int size() {
        return requests == null ? 0 : requests.length;
    }

    /** True when every array is there, as long as the requests, and the size is 1..{@value #MAX_ITEMS}. */
    public boolean wellFormed() {
        int n = size();
        return n >= 1 && n <= MAX_ITEMS && route >= 0 && route < ROUTES && tenantIds != null
                && tenantIds.length == n && userIds != null && userIds.length == n && deviceIds != null
                && deviceIds.length == n && platforms != null && platforms.length == n && connectionIds != null
                && connectionIds.length == n;
    }

    /**
     * The routing key of a conversation as the sender addresses it: one key for both directions of a
     * 1:1 chat ({@link ConversationKey}), so both users' sends meet in one lane.
     */
    public static int routeOf(long senderId, int convType, long toId) {
        ConversationKey conv = ConversationKey.of(convType, senderId, toId);
        long key = conv.single() ? mix(conv.convId()) * 31 + conv.convPeer() : mix(conv.convId()) + conv.convType();
        return (int) Math.floorMod(mix(key), (long) ROUTES);
    }

    /** SplitMix64's finaliser: neighbouring ids spread over the whole range. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
