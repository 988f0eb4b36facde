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
 *
 * <p>A grabber's entry is a <em>reservation</em> {@code idx:amount:reservedAt} from the pop until its
 * claim is known to be in the database, then {@code idx:amount} (a refill writes the grab rows that way,
 * {@link #settle} marks the claims it finds). The pop writes the reservation in the same script, so a
 * grabber that dies after it leaves a reservation whose age says whether its claim can still commit
 * ({@link GrabClaimer#CLAIM_DEADLINE_MS} from {@code reservedAt}); {@link #stale} finds the ones past that.
 */
public final class RedisShares {
    /**
     * A pop: {@code kind} and, for TAKEN and ALREADY, the share, the grabber's entry as stored and the
     * reservation's time (0 for an entry whose claim is known to be in the database).
     */
    public record Pop(Kind kind, int shareIdx, long amount, String entry, long reservedAt) {
        public enum Kind { TAKEN, ALREADY, EMPTY, MISSING }

        static final Pop EMPTY = new Pop(Kind.EMPTY, -1, 0, null, 0);
        static final Pop MISSING = new Pop(Kind.MISSING, -1, 0, null, 0);

        /** The share as the free list holds it. */
        public String share() {
            return RedisShares.share(shareIdx, amount);
        }
    }

    /** A reservation older than asked for by {@link #stale}. */
    public record Reservation(long userId, Pop pop) {
    }

    // ARGV: grabber, now millis
    private static final String GRAB = """
            if redis.call('EXISTS', KEYS[3]) == 0 then return 'MISSING' end
            local had = redis.call('HGET', KEYS[2], ARGV[1])
            if had then return 'ALREADY:' .. had end
            local share = redis.call('LPOP', KEYS[1])
            if not share then return 'EMPTY' end
            local entry = share .. ':' .. ARGV[2]
            redis.call('HSET', KEYS[2], ARGV[1], entry)
            return 'TAKEN:' .. entry
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
    // ARGV: grabber, its entry as popped, '1' to give the share back, the share
    private static final String UNDO = """
            if redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[2] then
              redis.call('HDEL', KEYS[2], ARGV[1])
              if ARGV[3] == '1' and redis.call('EXISTS', KEYS[3]) == 1 then redis.call('RPUSH', KEYS[1], ARGV[4]) end
            end
            return 1
            """;
    // ARGV: grabber, its entry as popped, the new entry; 1 when the entry was still the one popped
    private static final String RENEW = """
            if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
            return 1
            """;
    // ARGV: cutoff millis; grabber, entry, grabber, entry... of reservations made before the cutoff
    private static final String STALE = """
            local out = {}
            if redis.call('EXISTS', KEYS[3]) == 0 then return out end
            local all = redis.call('HGETALL', KEYS[2])
            for i = 1, #all, 2 do
              local t = string.match(all[i + 1], '^%d+:%d+:(%d+)$')
              if t and tonumber(t) < tonumber(ARGV[1]) then
                out[#out + 1] = all[i]
                out[#out + 1] = all[i + 1]
              end
            end
            return out
            """;
    // ARGV: triples grabber, entry, action: C (claimed: keep the share, drop the time), F (free: give the
    // share back), D (drop: the share is someone else's in the database); each only if the entry is unchanged
    private static final String SETTLE = """
            if redis.call('EXISTS', KEYS[3]) == 0 then return 0 end
            local freed = 0
            for i = 1, #ARGV, 3 do
              local entry = ARGV[i + 1]
              if redis.call('HGET', KEYS[2], ARGV[i]) == entry then
                local share = string.match(entry, '^(%d+:%d+)')
                if ARGV[i + 2] == 'C' then
                  redis.call('HSET', KEYS[2], ARGV[i], share)
                else
                  redis.call('HDEL', KEYS[2], ARGV[i])
                  if ARGV[i + 2] == 'F' then
                    redis.call('RPUSH', KEYS[1], share)
                    freed = freed + 1
                  end
                end
              end
            end
            return freed
            """;

    private final RedissonClient redis;
    private final String prefix;

    /** @param prefix key prefix of this deployment, e.g. {@code im:rp:} */
    public RedisShares(RedissonClient redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    /** Pops a share for {@code userId} and reserves it for them at {@code now}, or answers their entry. */
    public Pop pop(long packetId, long userId, long now) {
        String r = script().eval(RScript.Mode.READ_WRITE, GRAB, RScript.ReturnType.VALUE, keys(packetId),
                Long.toString(userId), Long.toString(now));
        if (r.equals("MISSING")) {
            return Pop.MISSING;
        }
        if (r.equals("EMPTY")) {
            return Pop.EMPTY;
        }
        int colon = r.indexOf(':');
        Pop.Kind kind = r.startsWith("TAKEN") ? Pop.Kind.TAKEN : Pop.Kind.ALREADY;
        return parse(kind, r.substring(colon + 1));
    }

    private static Pop parse(Pop.Kind kind, String entry) {
        String[] f = entry.split(":");
        long reservedAt = f.length > 2 ? Long.parseLong(f[2]) : 0;
        return new Pop(kind, Integer.parseInt(f[0]), Long.parseLong(f[1]), entry, reservedAt);
    }

    /**
     * Fills the copy of a packet unless it is complete already.
     *
     * @param free    free shares, index to amount
     * @param grabbed grabbers (their claims in the database), user to their share
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

    /** Forgets {@code userId}'s entry {@code pop} (if unchanged); {@code giveBack} returns its share. */
    public void undo(long packetId, long userId, Pop pop, boolean giveBack) {
        script().eval(RScript.Mode.READ_WRITE, UNDO, RScript.ReturnType.INTEGER, keys(packetId), Long.toString(userId),
                pop.entry(), giveBack ? "1" : "0", pop.share());
    }

    /**
     * Makes {@code userId}'s reservation {@code pop} one of {@code now} (a retry of a grab that never
     * claimed it).
     *
     * @return the renewed pop, or null when the entry changed meanwhile (settled, refilled)
     */
    public Pop renew(long packetId, long userId, Pop pop, long now) {
        String entry = pop.share() + ":" + now;
        Long ok = script().eval(RScript.Mode.READ_WRITE, RENEW, RScript.ReturnType.INTEGER, keys(packetId),
                Long.toString(userId), pop.entry(), entry);
        return ok != null && ok == 1 ? new Pop(pop.kind(), pop.shareIdx(), pop.amount(), entry, now) : null;
    }

    /** The reservations of a packet made before {@code cutoff}. */
    public List<Reservation> stale(long packetId, long cutoff) {
        List<Object> flat = script().eval(RScript.Mode.READ_ONLY, STALE, RScript.ReturnType.MULTI, keys(packetId),
                Long.toString(cutoff));
        List<Reservation> out = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            out.add(new Reservation(Long.parseLong(flat.get(i).toString()),
                    parse(Pop.Kind.TAKEN, flat.get(i + 1).toString())));
        }
        return out;
    }

    /** What {@link #settle} does with a reservation. */
    public enum Outcome {
        /** Its claim is in the database: keep the share, as a claim. */
        CLAIMED("C"),
        /** No claim, and none can commit any more: the share goes back to the free list. */
        FREE("F"),
        /** No claim by this grabber, but the database gives the share to someone else: forget it. */
        DROP("D");

        final String code;

        Outcome(String code) {
            this.code = code;
        }
    }

    /**
     * Applies {@code outcomes} to reservations found by {@link #stale}, each only if its entry is unchanged.
     *
     * @return the number of shares given back to the free list
     */
    public long settle(long packetId, Map<Reservation, Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return 0;
        }
        List<Object> args = new ArrayList<>(3 * outcomes.size());
        outcomes.forEach((r, o) -> {
            args.add(Long.toString(r.userId()));
            args.add(r.pop().entry());
            args.add(o.code);
        });
        Long freed = script().eval(RScript.Mode.READ_WRITE, SETTLE, RScript.ReturnType.INTEGER, keys(packetId),
                args.toArray());
        return freed == null ? 0 : freed;
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
