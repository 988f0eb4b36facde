package im.logic.seq;

import im.api.ErrorCode;
import im.api.ImException;
import im.infra.redis.LuaScript;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.LongCodec;
import org.redisson.client.codec.StringCodec;

/**
 * Per-user seq: strictly increasing, never repeated, even after Redis loses its data.
 *
 * <p>The counter is the Redis string {@code im:seq:<userId>} (im-access reads this exact key for
 * {@code LOGIN_RESP.max_seq}); {@code im:seq:end:<userId>} caches the user's persisted section end.
 * One Lua script per batch of users increments each counter only if it exists and returns the new seq
 * with the cached end.
 * A seq above the end is used only after the section end in MySQL ({@link SeqSectionStore}) has been
 * raised to {@code seq - 1 + step}, so every seq handed out is covered by a persisted end.
 *
 * <p>A lost key (flush, restart without persistence, failover to an empty replica) is recovered from
 * MySQL: the counter is re-created one step above the persisted end, with the end persisted one step
 * above that (so the seqs that follow need no raise of their own).
 * Everything handed out is at most the old end, except seqs in flight at the moment of the loss
 * (incremented above the old end, their raise not yet persisted): there are far fewer of them than a
 * step, so the step of headroom keeps the next seq above all of them. The stream jumps (by at most two
 * steps). Recovery is {@code SET} only if the key is still missing, so concurrent recoveries agree.
 *
 * <p>The last guard is the primary key {@code (user_id, seq)} of {@code user_timeline}: a seq that
 * was handed out twice anyway (say a stale replica after failover) fails its insert, the fan-out job is
 * retried and {@link #skipToSectionEnd} first moves the counter past the persisted end. A stream never
 * holds one seq twice. Thread-safe.
 */
public final class SeqAllocator {
    /** The key im-access reads; public so both sides name it once. */
    public static String counterKey(long userId) {
        return "im:seq:" + userId;
    }

    /** Where the persisted section end is cached next to the counter. */
    public static String endKey(long userId) {
        return "im:seq:end:" + userId;
    }

    /** New seqs for many users in one call: KEYS = counter and end per user, ARGV = counts. */
    private static final String NEXT_MANY = """
            local out = {}
            for i = 1, #ARGV do
              local c = KEYS[2 * i - 1]
              if redis.call('EXISTS', c) == 0 then
                out[2 * i - 1] = -1
                out[2 * i] = 0
              else
                out[2 * i - 1] = redis.call('INCRBY', c, ARGV[i])
                out[2 * i] = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
              end
            end
            return out""";
    /** Users per {@link #NEXT_MANY} call: bounds one script's run time in Redis (it blocks the server). */
    private static final int MANY_PER_CALL = 2000;
    private static final String RECOVER = """
            if redis.call('EXISTS', KEYS[1]) == 0 then
              redis.call('SET', KEYS[1], ARGV[1])
              redis.call('SET', KEYS[2], ARGV[2])
            end
            return 1""";
    private static final String RAISE_END = """
            local e = tonumber(redis.call('GET', KEYS[1]) or '0')
            if tonumber(ARGV[1]) > e then redis.call('SET', KEYS[1], ARGV[1]) end
            return 1""";

    private static final String SKIP_TO = """
            local c = tonumber(redis.call('GET', KEYS[1]) or '0')
            if tonumber(ARGV[1]) > c then
              redis.call('SET', KEYS[1], ARGV[1])
              redis.call('SET', KEYS[2], ARGV[1])
            end
            return 1""";

    /** Keys deleted again right after recovery (a flush loop) fail the call after this many tries. */
    private static final int RECOVERY_ATTEMPTS = 3;

    private final RedissonClient redis;
    private final SeqSectionStore sections;
    private final long step;
    private final LuaScript nextMany;

    /** @param step seqs per persisted section (10000 by default: one MySQL write per 10000 messages) */
    public SeqAllocator(RedissonClient redis, SeqSectionStore sections, long step) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be positive: " + step);
        }
        this.redis = redis;
        this.sections = sections;
        this.step = step;
        this.nextMany = LuaScript.load(redis, NEXT_MANY);
    }

    /** One new seq for {@code userId}. */
    public long next(long userId) throws ImException {
        return next(List.of(userId)).get(userId);
    }

    /**
     * One new seq for each distinct user, in one pipelined round trip for the common case.
     *
     * @throws ImException {@code BUSY} when Redis or MySQL fail (seqs may be skipped, never reused)
     */
    public Map<Long, Long> next(Collection<Long> userIds) throws ImException {
        Map<Long, Integer> ones = new LinkedHashMap<>(userIds.size() * 2);
        for (Long user : userIds) {
            ones.put(user, 1);
        }
        return nextRanges(ones);
    }

    /**
     * {@code counts.get(u)} new consecutive seqs for each user {@code u}, in one script call per
     * {@value #MANY_PER_CALL} users (one round trip for a whole batch of messages).
     *
     * @return each user's highest new seq; its seqs are {@code last - count + 1 .. last}
     * @throws ImException {@code BUSY} when Redis or MySQL fail (seqs may be skipped, never reused)
     */
    public Map<Long, Long> nextRanges(Map<Long, Integer> counts) throws ImException {
        try {
            Map<Long, Long> last = new HashMap<>(counts.size() * 2);
            Map<Long, Long> ends = new HashMap<>(counts.size() * 2);
            List<Long> missing = incrementMany(new ArrayList<>(counts.keySet()), counts, last, ends);
            for (int attempt = 0; !missing.isEmpty(); attempt++) {
                if (attempt == RECOVERY_ATTEMPTS) {
                    throw new ImException(ErrorCode.BUSY, "seq counters keep vanishing for " + missing.size()
                            + " users");
                }
                recover(missing);
                missing = incrementMany(missing, counts, last, ends);
            }
            Map<Long, Long> raise = new HashMap<>();
            last.forEach((user, seq) -> {
                if (seq > ends.get(user)) {
                    raise.put(user, seq - 1 + step);
                }
            });
            raiseEnds(raise);
            return last;
        } catch (SQLException | RuntimeException e) {
            throw new ImException(ErrorCode.BUSY, "Failed to allocate seqs for " + counts.size() + " users: " + e, e);
        }
    }

    private List<Long> incrementMany(List<Long> users, Map<Long, Integer> counts, Map<Long, Long> last,
                                     Map<Long, Long> ends) {
        RBatch batch = redis.createBatch();
        List<List<Long>> calls = new ArrayList<>();
        for (int from = 0; from < users.size(); from += MANY_PER_CALL) {
            List<Long> part = users.subList(from, Math.min(users.size(), from + MANY_PER_CALL));
            List<Object> keys = new ArrayList<>(part.size() * 2);
            Object[] args = new Object[part.size()];
            for (int i = 0; i < part.size(); i++) {
                keys.add(counterKey(part.get(i)));
                keys.add(endKey(part.get(i)));
                args[i] = Integer.toString(counts.get(part.get(i)));
            }
            nextMany.evalIn(batch, LongCodec.INSTANCE, RScript.ReturnType.MULTI, keys, args);
            calls.add(part);
        }
        List<?> responses = batch.execute().getResponses();
        List<Long> missing = new ArrayList<>();
        for (int c = 0; c < calls.size(); c++) {
            List<Long> part = calls.get(c);
            List<?> flat = (List<?>) responses.get(c);
            for (int i = 0; i < part.size(); i++) {
                long seq = ((Number) flat.get(2 * i)).longValue();
                if (seq < 0) {
                    missing.add(part.get(i));
                } else {
                    last.put(part.get(i), seq);
                    ends.put(part.get(i), ((Number) flat.get(2 * i + 1)).longValue());
                }
            }
        }
        return missing;
    }

    /** Persists raised section ends, then caches them next to the counters. */
    private void raiseEnds(Map<Long, Long> raise) throws SQLException {
        if (raise.isEmpty()) {
            return;
        }
        sections.raise(raise);
        RBatch batch = redis.createBatch();
        raise.forEach((user, end) -> batch.getScript(StringCodec.INSTANCE).evalAsync(RScript.Mode.READ_WRITE,
                RAISE_END, RScript.ReturnType.INTEGER, List.of(endKey(user)), Long.toString(end)));
        batch.execute();
    }

    /**
     * Moves the counters of {@code userIds} to at least one step above their persisted section end (see the
     * class comment for the step of headroom). Used before retrying
     * a fan-out that failed: if Redis failed over to a stale replica, its counters may lag behind seqs
     * already written; above the section end they cannot.
     */
    public void skipToSectionEnd(Collection<Long> userIds) throws ImException {
        try {
            Map<Long, Long> jumps = new HashMap<>();
            sections.ends(userIds).forEach((user, end) -> jumps.put(user, end + step));
            if (jumps.isEmpty()) {
                return;
            }
            sections.raise(jumps);
            RBatch batch = redis.createBatch();
            jumps.forEach((user, end) -> batch.getScript(StringCodec.INSTANCE).evalAsync(RScript.Mode.READ_WRITE,
                    SKIP_TO, RScript.ReturnType.INTEGER, List.of(counterKey(user), endKey(user)),
                    Long.toString(end)));
            batch.execute();
        } catch (SQLException | RuntimeException e) {
            throw new ImException(ErrorCode.BUSY, "Failed to skip seq counters to their section end: " + e, e);
        }
    }

    /** The highest seq handed out to {@code userId}, or 0 when its counter is missing. */
    public long current(long userId) {
        Long value = redis.<Long>getBucket(counterKey(userId), LongCodec.INSTANCE).get();
        return value == null ? 0 : value;
    }

    private void recover(List<Long> users) throws SQLException {
        Map<Long, Long> persisted = sections.ends(users);
        Map<Long, Long> bases = new HashMap<>();
        Map<Long, Long> ends = new HashMap<>();
        for (Long user : users) {
            // A user without a section never had a seq: it starts at 1.
            long base = persisted.containsKey(user) ? persisted.get(user) + step : 0L;
            bases.put(user, base);
            ends.put(user, base + step);
        }
        // The counter restarts at the base with a whole section above it, persisted first, so a second
        // loss cannot land below anything handed out, and the next seqs need no raise of their own.
        sections.raise(ends);
        RBatch batch = redis.createBatch();
        for (Long user : users) {
            batch.getScript(StringCodec.INSTANCE).evalAsync(RScript.Mode.READ_WRITE, RECOVER,
                    RScript.ReturnType.INTEGER, List.of(counterKey(user), endKey(user)), Long.toString(bases.get(user)),
                    Long.toString(ends.get(user)));
        }
        batch.execute();
    }
}
