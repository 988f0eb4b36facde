package im.redpacket.grab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The shares of open packets in Redis, the contention filter in front of the database: per packet a
 * list of the free shares ({@code idx:amount}), a hash of grabbers and a marker saying the copy is
 * complete. The keys share a hash tag, so one script sees them on one Redis Cluster slot. A missing
 * marker (never loaded, flushed, failed over) makes a grab answer {@link Pop#MISSING}; the caller then
 * refills the copy from the database with {@link #load}. Thread-safe.
 */
public final class RedisShares {
    /** A pop: {@code kind} and, for TAKEN and ALREADY, the share. */
    public record Pop(Kind kind, int shareIdx, long amount) {
        public enum Kind { TAKEN, ALREADY, EMPTY, MISSING }

        static final Pop EMPTY = new Pop(Kind.EMPTY, -1, 0);
        static final Pop MISSING = new Pop(Kind.MISSING, -1, 0);
    }

    private static final String GRAB = """
            if redis.call('EXISTS', KEYS[3]) == 0 then return 'MISSING' end
            local had = redis.call('HGET', KEYS[2], ARGV[1])
            if had then return 'ALREADY:' .. had end
            local share = redis.call('LPOP', KEYS[1])
            if not share then return 'EMPTY' end
            redis.call('HSET', KEYS[2], ARGV[1], share)
            return 'TAKEN:' .. share
            """;
    // ARGV: ttl millis, number of shares n, n shares, then grabber/share pairs
    private static final String LOAD = """
            if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
            redis.call('DEL', KEYS[1], KEYS[2])
            local n = tonumber(ARGV[2])
            for i = 1, n do redis.call('RPUSH', KEYS[1], ARGV[2 + i]) end
            for i = 3 + n, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
            redis.call('SET', KEYS[3], '1', 'PX', ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            redis.call('PEXPIRE', KEYS[2], ARGV[1])
            return 1
            """;
    // gives a share back after the database refused or failed the claim
    private static final String UNDO = """
            if redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[2] then
              redis.call('HDEL', KEYS[2], ARGV[1])
              if ARGV[3] == '1' then redis.call('RPUSH', KEYS[1], ARGV[2]) end
            end
            return 1
            """;

    private final RedissonClient redis;
    private final String prefix;

    /** @param prefix key prefix of this deployment, e.g. {@code im:rp:} */
    public RedisShares(RedissonClient redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    public Pop pop(long packetId, long userId) {
        String r = script().eval(RScript.Mode.READ_WRITE, GRAB, RScript.ReturnType.VALUE, keys(packetId),
                Long.toString(userId));
        if (r.equals("MISSING")) {
            return Pop.MISSING;
        }
        if (r.equals("EMPTY")) {
            return Pop.EMPTY;
        }
        int colon = r.indexOf(':');
        String share = r.substring(colon + 1);
        int sep = share.indexOf(':');
        Pop.Kind kind = r.startsWith("TAKEN") ? Pop.Kind.TAKEN : Pop.Kind.ALREADY;
        return new Pop(kind, Integer.parseInt(share.substring(0, sep)), Long.parseLong(share.substring(sep + 1)));
    }

    /**
     * Fills the copy of a packet unless it is complete already.
     *
     * @param free    free shares, index to amount
     * @param grabbed grabbers, user to their share
     */
    public void load(long packetId, Map<Integer, Long> free, Map<Long, String> grabbed, long ttlMillis) {
        List<Object> args = new ArrayList<>(2 + free.size() + 2 * grabbed.size());
        args.add(Long.toString(Math.max(1, ttlMillis)));
        args.add(Integer.toString(free.size()));
        free.forEach((idx, amount) -> args.add(share(idx, amount)));
        grabbed.forEach((user, share) -> {
            args.add(Long.toString(user));
            args.add(share);
        });
        script().eval(RScript.Mode.READ_WRITE, LOAD, RScript.ReturnType.INTEGER, keys(packetId), args.toArray());
    }

    /** Forgets {@code userId}'s pop of a share; {@code giveBack} returns the share to the free list. */
    public void undo(long packetId, long userId, int shareIdx, long amount, boolean giveBack) {
        script().eval(RScript.Mode.READ_WRITE, UNDO, RScript.ReturnType.INTEGER, keys(packetId), Long.toString(userId),
                share(shareIdx, amount), giveBack ? "1" : "0");
    }

    /** Drops the copy of a packet (tests simulate a Redis loss with it). */
    public void drop(long packetId) {
        redis.getKeys().delete(keys(packetId).stream().map(Object::toString).toArray(String[]::new));
    }

    public static String share(int idx, long amount) {
        return idx + ":" + amount;
    }

    private RScript script() {
        return redis.getScript(StringCodec.INSTANCE);
    }

    private List<Object> keys(long packetId) {
        String tag = prefix + "{" + packetId + "}:";
        return List.of(tag + "shares", tag + "grabbed", tag + "complete");
    }
}
