package im.logic.unread;

import im.api.ErrorCode;
import im.api.ImException;
import im.infra.redis.LuaScript;
import im.logic.conversation.ConversationRow;
import im.logic.conversation.ConversationStore;
import im.logic.timeline.TimelineStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RLock;
import org.redisson.api.RMap;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Unread counters per user: the Redis hash {@code im:unread:<userId>} holds, per conversation
 * {@code <type>:<id>}, the unread count ({@code u:}), the read seq ({@code r:}) and the highest seq
 * already accounted ({@code m:}), plus {@code total}. Every compound update (apply entries, read,
 * rebuild) runs under the per-user Redisson lock {@code im:lock:unread:<userId>}.
 *
 * <p>Why it never drifts: an entry counts once, when its seq is above both the read seq and the
 * accounted mark; a read recounts its conversation from {@code user_timeline} (the truth) and moves
 * the mark to the highest entry it saw. Within one conversation a user's entries are written in seq
 * order (the conversation's fan-out is serialised), so an increment that arrives after a recount
 * either was counted by it (seq at most the mark: skipped) or was not yet written (seq above: counted).
 *
 * <p>A missing hash (Redis flush) is rebuilt from {@code conversation.read_seq} and the stream.
 * Thread-safe.
 */
public final class UnreadCounter {
    private static final String TOTAL = "total";
    private static final String BUILT = "built";
    /**
     * {@link #applyUnlocked}'s rule, atomically in Redis: KEYS = the hash and the user's lock, ARGV =
     * (conversation, seq) pairs. Returns -1, changing nothing, when the lock is held; 0, changing
     * nothing, when the hash is not built (its build counts the entries from the stream). A refusal
     * also sets the optional KEYS[3], for commands later in the same pipeline (see
     * {@code ConvLocks#addReleasesUnless}).
     */
    private static final String APPLY_UNLOCKED = """
            if redis.call('exists', KEYS[2]) == 1 then
              if KEYS[3] then redis.call('set', KEYS[3], '1', 'px', 60000) end
              return -1
            end
            if redis.call('hexists', KEYS[1], 'built') == 0 then
              return 0
            end
            local total = tonumber(redis.call('hget', KEYS[1], 'total') or '0')
            local counted = 0
            for i = 1, #ARGV, 2 do
              local conv = ARGV[i]
              local seq = tonumber(ARGV[i + 1])
              local read = tonumber(redis.call('hget', KEYS[1], 'r:' .. conv) or '0')
              local mark = tonumber(redis.call('hget', KEYS[1], 'm:' .. conv) or '0')
              if seq > read and seq > mark then
                redis.call('hincrby', KEYS[1], 'u:' .. conv, 1)
                redis.call('hset', KEYS[1], 'm:' .. conv, ARGV[i + 1])
                counted = counted + 1
              end
            end
            if counted > 0 then
              redis.call('hset', KEYS[1], 'total', tostring(total + counted))
            end
            return counted
            """;

    private final RedissonClient redis;
    private final TimelineStore timeline;
    private final ConversationStore conversations;
    private final LongSupplier clock;
    private final long lockWaitMillis;
    private final LuaScript applyUnlocked;

    public UnreadCounter(RedissonClient redis, TimelineStore timeline, ConversationStore conversations,
                         LongSupplier clock, long lockWaitMillis) {
        this.redis = redis;
        this.timeline = timeline;
        this.conversations = conversations;
        this.clock = clock;
        this.lockWaitMillis = lockWaitMillis;
        this.applyUnlocked = LuaScript.load(redis, APPLY_UNLOCKED);
    }

    /** Counts new entries of one user (already durable in its stream). */
    public void apply(long userId, List<UnreadEntry> entries) throws ImException {
        underLock(userId, () -> {
            RMap<String, String> hash = ensureBuilt(userId);
            Set<String> fields = fieldsOf(entries);
            fields.add(TOTAL);
            Map<String, String> updates = increments(entries, hash.getAll(fields));
            if (!updates.isEmpty()) {
                hash.putAll(updates);
            }
            return null;
        });
    }

    /**
     * {@link #apply} for many users in pipelined round trips of one atomic script per user, without
     * taking the lock: the script applies the same rule as {@code apply} and refuses, changing nothing,
     * when the user's lock is held (a read or rebuild is in progress). So it can never interleave with a
     * locked update, which holds the lock for its whole read-compute-write. A hash that is not built (a
     * new user, or none since a Redis loss) is left alone: the entries are in the stream already, and
     * the build, which every reader runs first, counts them; building it here instead cost a lock and
     * a recount on the sender's path for every such recipient.
     *
     * @param perUser each user's entries, each conversation's in seq order
     * @return the users it refused: apply them with {@link #apply}
     * @throws ImException {@code BUSY} when Redis failed (nothing or part applied; {@code apply} is safe to
     *                     run for all of them again: an applied entry is never counted twice)
     */
    public Set<Long> applyUnlocked(Map<Long, List<UnreadEntry>> perUser) throws ImException {
        try {
            RBatch batch = redis.createBatch();
            Supplier<Set<Long>> refused = addApplyUnlocked(batch, perUser);
            batch.execute();
            return refused.get();
        } catch (RuntimeException e) {
            throw new ImException(ErrorCode.BUSY, "Failed to apply unread increments: " + e, e);
        }
    }

    /**
     * {@link #applyUnlocked} as part of a pipeline the caller executes (with other commands).
     *
     * @return once the pipeline ran: the users it refused
     */
    public Supplier<Set<Long>> addApplyUnlocked(RBatch batch, Map<Long, List<UnreadEntry>> perUser) {
        return addApplyUnlocked(batch, perUser, null);
    }

    /**
     * {@link #addApplyUnlocked(RBatch, Map)} that also sets the key {@code refusedFlag} (for a minute)
     * when it refuses a user, so that commands later in the pipeline can tell.
     */
    public Supplier<Set<Long>> addApplyUnlocked(RBatch batch, Map<Long, List<UnreadEntry>> perUser,
                                                String refusedFlag) {
        List<Long> users = new ArrayList<>(perUser.keySet());
        List<RFuture<Long>> results = new ArrayList<>(users.size());
        for (long user : users) {
            List<UnreadEntry> entries = perUser.get(user);
            Object[] args = new Object[entries.size() * 2];
            for (int i = 0; i < entries.size(); i++) {
                UnreadEntry e = entries.get(i);
                args[2 * i] = key(e.convType(), e.convId());
                args[2 * i + 1] = Long.toString(e.seq());
            }
            results.add(applyUnlocked.evalIn(batch, StringCodec.INSTANCE, RScript.ReturnType.INTEGER,
                    refusedFlag == null ? List.of(hashKey(user), lockKey(user))
                            : List.of(hashKey(user), lockKey(user), refusedFlag), args));
        }
        return () -> {
            Set<Long> refused = new HashSet<>();
            for (int i = 0; i < users.size(); i++) {
                if (results.get(i).toCompletableFuture().join() < 0) {
                    refused.add(users.get(i));
                }
            }
            return refused;
        };
    }

    /** The hash fields to write for new entries, given the current state (empty when none counts). */
    private static Map<String, String> increments(List<UnreadEntry> entries, Map<String, String> state) {
        Map<String, String> updates = new HashMap<>();
        long total = parse(state.get(TOTAL));
        for (UnreadEntry e : entries) {
            String conv = key(e.convType(), e.convId());
            long read = parse(get(updates, state, "r:" + conv));
            long mark = parse(get(updates, state, "m:" + conv));
            if (e.seq() > read && e.seq() > mark) {
                updates.put("u:" + conv, Long.toString(parse(get(updates, state, "u:" + conv)) + 1));
                updates.put("m:" + conv, Long.toString(e.seq()));
                total++;
            }
        }
        if (!updates.isEmpty()) {
            updates.put(TOTAL, Long.toString(total));
        }
        return updates;
    }

    /**
     * Moves the read seq of one conversation forward (an older one changes nothing) and recounts the
     * conversation's unread from the stream.
     *
     * @param maxSeq the user's highest seq: a read seq above it is clamped, so future entries stay unread
     * @return {@code [readSeq, unread, totalUnread, moved, previousReadSeq]} after the call ({@code moved} 1
     *         when the read seq moved from {@code previousReadSeq}; the entries between the two are the
     *         ones this call made read)
     */
    public long[] read(long userId, int convType, long convId, long readSeq, long maxSeq) throws ImException {
        return underLock(userId, () -> {
            RMap<String, String> hash = ensureBuilt(userId);
            String conv = key(convType, convId);
            long current = parse(hash.get("r:" + conv));
            long unread = parse(hash.get("u:" + conv));
            long total = parse(hash.get(TOTAL));
            long target = Math.min(readSeq, Math.max(maxSeq, current));
            if (target <= current) {
                return new long[] {current, unread, total, 0, current};
            }
            long[] counted = timeline.countFromOthers(userId, convType, convId, target);
            long mark = Math.max(parse(hash.get("m:" + conv)), counted[1]);
            long newTotal = Math.max(0, total - unread + counted[0]);
            Map<String, String> updates = new HashMap<>();
            updates.put("r:" + conv, Long.toString(target));
            updates.put("u:" + conv, Long.toString(counted[0]));
            updates.put("m:" + conv, Long.toString(mark));
            updates.put(TOTAL, Long.toString(newTotal));
            hash.putAll(updates);
            conversations.saveRead(userId, convType, convId, target, (int) counted[0], clock.getAsLong());
            return new long[] {target, counted[0], newTotal, 1, current};
        });
    }

    /** Unread per conversation ({@code <type>:<id>}) and {@code total}, rebuilding when missing. */
    public Map<String, Long> snapshot(long userId) throws ImException {
        return underLock(userId, () -> {
            Map<String, Long> out = new HashMap<>();
            for (Map.Entry<String, String> e : ensureBuilt(userId).readAllMap().entrySet()) {
                if (e.getKey().startsWith("u:")) {
                    out.put(e.getKey().substring(2), parse(e.getValue()));
                } else if (e.getKey().equals(TOTAL)) {
                    out.put(TOTAL, parse(e.getValue()));
                }
            }
            out.putIfAbsent(TOTAL, 0L);
            return out;
        });
    }

    /** The conversation key of {@link #snapshot}. */
    public static String key(int convType, long convId) {
        return convType + ":" + convId;
    }

    /** The total's key in {@link #snapshot}. */
    public static String totalKey() {
        return TOTAL;
    }

    private RMap<String, String> ensureBuilt(long userId) throws SQLException {
        RMap<String, String> hash = redis.getMap(hashKey(userId), StringCodec.INSTANCE);
        if (hash.containsKey(BUILT)) {
            return hash;
        }
        Map<String, String> rebuilt = new HashMap<>();
        long total = 0;
        for (ConversationRow row : conversations.all(userId)) {
            long[] counted = timeline.countFromOthers(userId, row.convType(), row.convId(), row.readSeq());
            String conv = key(row.convType(), row.convId());
            rebuilt.put("r:" + conv, Long.toString(row.readSeq()));
            rebuilt.put("u:" + conv, Long.toString(counted[0]));
            rebuilt.put("m:" + conv, Long.toString(counted[1]));
            total += counted[0];
        }
        rebuilt.put(TOTAL, Long.toString(total));
        rebuilt.put(BUILT, "1");
        hash.putAll(rebuilt);
        return hash;
    }

    private static String hashKey(long userId) {
        return "im:unread:" + userId;
    }

    private static String lockKey(long userId) {
        return "im:lock:unread:" + userId;
    }

    private interface Locked<T> {
        T run() throws SQLException, ImException;
    }

    private <T> T underLock(long userId, Locked<T> body) throws ImException {
        RLock lock = redis.getLock(lockKey(userId));
        boolean held = false;
        try {
            held = lock.tryLock(lockWaitMillis, TimeUnit.MILLISECONDS);
            if (!held) {
                throw ImException.stackless(ErrorCode.BUSY, "unread lock of user " + userId + " busy");
            }
            return body.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImException(ErrorCode.BUSY, "interrupted waiting for the unread lock", e);
        } catch (SQLException | RuntimeException e) {
            throw new ImException(ErrorCode.BUSY, "Failed to update unread of user " + userId + ": " + e, e);
        } finally {
            if (held) {
                lock.unlock();
            }
        }
    }

    private static Set<String> fieldsOf(List<UnreadEntry> entries) {
        Set<String> fields = new HashSet<>();
        for (UnreadEntry e : entries) {
            String conv = key(e.convType(), e.convId());
            fields.add("r:" + conv);
            fields.add("m:" + conv);
            fields.add("u:" + conv);
        }
        return fields;
    }

    private static String get(Map<String, String> updates, Map<String, String> state, String field) {
        String v = updates.get(field);
        return v != null ? v : state.get(field);
    }

    private static long parse(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}
