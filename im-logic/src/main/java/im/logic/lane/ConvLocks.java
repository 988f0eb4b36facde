package im.logic.lane;

import im.api.message.ConversationKey;
import im.infra.redis.LuaScript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Exclusive writers per conversation across every im-logic node, taken for a whole batch at once: one
 * pipelined round trip locks all the conversations of a batch, one releases them. Whoever writes a
 * conversation's entries holds its lock, so two nodes (or a lane and a large-group fan-out) never
 * interleave one conversation's seqs, and every member sees one order.
 *
 * <p>A lock is a Redis string {@code im:lock:conv:<type>:<id>:<peer>} holding its owner, with a TTL so
 * a dead owner's lock expires. Taking a lock also records the messages about to be written in
 * {@code im:conv:dirty:<type>:<id>:<peer>} (appended, so a repair that dies leaves its own list too)
 * and the conversation in the sorted set {@code im:conv:dirty}; a clean release deletes both. A
 * lock taken while a dirty list is present means its last writer died mid-write: the taker gets the
 * list and repairs those messages before writing its own (see {@link Acquired#dirty()}), and the
 * sweeper repairs conversations whose dirty mark is older than the lock TTL without waiting for a
 * next message. The scripts run by their SHA1 ({@link LuaScript}). Thread-safe.
 */
public final class ConvLocks {
    /** Conversations left dirty by a writer, scored by when their lock was taken. */
    static final String DIRTY_SET = "im:conv:dirty";
    private static final long DIRTY_TTL_MILLIS = 7L * 24 * 3600 * 1000;

    private static final String ACQUIRE = """
            local cur = redis.call('GET', KEYS[1])
            if cur and cur ~= ARGV[1] then return {0, ''} end
            local dirty = redis.call('GET', KEYS[2]) or ''
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            local list = ARGV[3]
            if dirty ~= '' then list = dirty .. ',' .. ARGV[3] end
            redis.call('SET', KEYS[2], list, 'PX', ARGV[5])
            redis.call('ZADD', KEYS[3], ARGV[4], ARGV[6])
            return {1, dirty}""";
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('DEL', KEYS[1])
              redis.call('DEL', KEYS[2])
              redis.call('ZREM', KEYS[3], ARGV[2])
              return 1
            end
            return 0""";
    /** {@link #RELEASE} unless KEYS[4] exists (then -1, nothing changed). */
    private static final String RELEASE_UNLESS = "if redis.call('EXISTS', KEYS[4]) == 1 then return -1 end\n"
            + RELEASE;
    private static final String EXTEND = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0""";

    private static final String ABANDON = "if redis.call('GET', KEYS[1]) == ARGV[1] then"
            + " return redis.call('DEL', KEYS[1]) end return 0";

    private final RedissonClient redis;
    private final long ttlMillis;
    private final LuaScript acquire;
    private final LuaScript release;
    private final LuaScript releaseUnless;
    private final LuaScript extend;
    private final LuaScript abandon;

    /** @param ttlMillis how long a lock outlives its owner; a batch must finish (or extend) well within it */
    public ConvLocks(RedissonClient redis, long ttlMillis) {
        if (ttlMillis < 100) {
            throw new IllegalArgumentException("lock TTL must be at least 100 ms: " + ttlMillis);
        }
        this.redis = redis;
        this.ttlMillis = ttlMillis;
        this.acquire = LuaScript.load(redis, ACQUIRE);
        this.release = LuaScript.load(redis, RELEASE);
        this.releaseUnless = LuaScript.load(redis, RELEASE_UNLESS);
        this.extend = LuaScript.load(redis, EXTEND);
        this.abandon = LuaScript.load(redis, ABANDON);
    }

    /**
     * The outcome of taking one conversation's lock.
     *
     * @param held  true when the caller now holds it; false when another owner does
     * @param dirty message ids a dead writer left half-written, to repair before anything else (empty
     *              when the last release was clean)
     */
    public record Acquired(boolean held, List<Long> dirty) {
        static final Acquired BUSY = new Acquired(false, List.of());
    }

    /**
     * Tries to take every lock in {@code writes} (conversation -> messages about to be written) for
     * {@code owner}, in one round trip. A lock the owner already holds is taken again.
     *
     * @throws RuntimeException when Redis failed (nothing may be assumed held; release what was asked)
     */
    public Map<ConversationKey, Acquired> acquire(String owner, Map<ConversationKey, List<Long>> writes,
                                                    long now) {
        RBatch batch = redis.createBatch();
        Supplier<Map<ConversationKey, Acquired>> out = addAcquire(batch, owner, writes, now);
        batch.execute();
        return out.get();
    }

    /** A pipeline on the locks' Redis, for {@link #addAcquire} and the like with other commands. */
    public RBatch pipeline() {
        return redis.createBatch();
    }

    /**
     * {@link #acquire} as part of a pipeline the caller executes (with other work).
     *
     * @return once the pipeline ran: the outcome per conversation
     */
    public Supplier<Map<ConversationKey, Acquired>> addAcquire(RBatch batch, String owner,
                                                                 Map<ConversationKey, List<Long>> writes, long now) {
        List<ConversationKey> order = new ArrayList<>(writes.keySet());
        List<RFuture<List<Object>>> responses = new ArrayList<>(order.size());
        for (ConversationKey conv : order) {
            responses.add(acquire.evalIn(batch, StringCodec.INSTANCE, RScript.ReturnType.MULTI,
                    List.of(lockKey(conv), dirtyKey(conv), DIRTY_SET), owner, Long.toString(ttlMillis),
                    join(writes.get(conv)), Long.toString(now), Long.toString(DIRTY_TTL_MILLIS), member(conv)));
        }
        return () -> {
            Map<ConversationKey, Acquired> out = new HashMap<>(order.size() * 2);
            for (int i = 0; i < order.size(); i++) {
                List<Object> r = responses.get(i).toCompletableFuture().join();
                boolean held = ((Number) r.get(0)).longValue() == 1;
                out.put(order.get(i), held ? new Acquired(true, parse((String) r.get(1))) : Acquired.BUSY);
            }
            return out;
        };
    }

    /** Releases the owner's locks and clears their dirty lists: everything they named is fully written. */
    public void release(String owner, Collection<ConversationKey> convs) {
        if (convs.isEmpty()) {
            return;
        }
        RBatch batch = redis.createBatch();
        addReleases(batch, owner, convs);
        batch.execute();
    }

    /** Adds the releases of {@link #release} to a pipeline the caller executes (with other work). */
    public void addReleases(RBatch batch, String owner, Collection<ConversationKey> convs) {
        for (ConversationKey conv : convs) {
            release.evalIn(batch, StringCodec.INSTANCE, RScript.ReturnType.INTEGER,
                    List.of(lockKey(conv), dirtyKey(conv), DIRTY_SET), owner, member(conv));
        }
    }

    /**
     * Adds the releases of {@link #release} to a pipeline, each skipped when the key {@code unless}
     * exists by the time it runs (set by an earlier command of the same pipeline that needs the locks
     * kept a little longer).
     *
     * @return once the pipeline ran: false when any release was skipped (release them again)
     */
    public Supplier<Boolean> addReleasesUnless(RBatch batch, String owner, Collection<ConversationKey> convs,
                                               String unless) {
        List<RFuture<Long>> results = new ArrayList<>(convs.size());
        for (ConversationKey conv : convs) {
            results.add(releaseUnless.evalIn(batch, StringCodec.INSTANCE, RScript.ReturnType.INTEGER,
                    List.of(lockKey(conv), dirtyKey(conv), DIRTY_SET, unless), owner, member(conv)));
        }
        return () -> results.stream().allMatch(r -> r.toCompletableFuture().join() >= 0);
    }

    /**
     * Gives up a lock without clearing its dirty list, after a failed write: the next writer repairs
     * the messages named there before it writes its own.
     */
    public void abandon(String owner, Collection<ConversationKey> convs) {
        if (convs.isEmpty()) {
            return;
        }
        RBatch batch = redis.createBatch();
        for (ConversationKey conv : convs) {
            abandon.evalIn(batch, StringCodec.INSTANCE, RScript.ReturnType.INTEGER, List.of(lockKey(conv)), owner);
        }
        batch.execute();
    }

    /** {@link #extend} for many locks in one round trip. */
    public void extendAll(String owner, Collection<ConversationKey> convs) {
        RBatch batch = redis.createBatch();
        for (ConversationKey conv : convs) {
            extend.evalIn(batch, StringCodec.INSTANCE, RScript.ReturnType.INTEGER, List.of(lockKey(conv)),
                    owner, Long.toString(ttlMillis));
        }
        batch.execute();
    }

    /** Extends a held lock by a full TTL (long writes: a large group's fan-out between chunks). */
    public boolean extend(String owner, ConversationKey conv) {
        Long r = extend.eval(StringCodec.INSTANCE, RScript.ReturnType.INTEGER, List.of(lockKey(conv)), owner,
                Long.toString(ttlMillis));
        return r != null && r == 1;
    }

    /** Conversations marked dirty before {@code olderThan}: their writer died and nobody wrote since. */
    public List<ConversationKey> dirtySince(long olderThan, int limit) {
        Collection<String> members = redis.<String>getScoredSortedSet(DIRTY_SET, StringCodec.INSTANCE)
                .valueRange(Double.NEGATIVE_INFINITY, true, olderThan, true, 0, limit);
        List<ConversationKey> out = new ArrayList<>(members.size());
        for (String m : members) {
            String[] p = m.split(":");
            out.add(new ConversationKey(Integer.parseInt(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2])));
        }
        return out;
    }

    public long ttlMillis() {
        return ttlMillis;
    }

    static String lockKey(ConversationKey conv) {
        return "im:lock:conv:" + member(conv);
    }

    private static String dirtyKey(ConversationKey conv) {
        return "im:conv:dirty:" + member(conv);
    }

    private static String member(ConversationKey conv) {
        return conv.convType() + ":" + conv.convId() + ":" + conv.convPeer();
    }

    private static String join(List<Long> ids) {
        StringBuilder b = new StringBuilder(ids.size() * 20);
        for (Long id : ids) {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(id);
        }
        return b.toString();
    }

    private static List<Long> parse(String csv) {
        if (csv == null || csv.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).filter(s -> !s.isEmpty()).map(Long::parseLong).distinct().toList();
    }
}
