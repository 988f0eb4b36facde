package im.logic;

import im.infra.config.ImConfig;

/**
 * im-logic's own settings, read once and validated at start-up (a bad value stops the process with
 * the key named).
 *
 * @param seqStep               {@code seq.step} (10000): seqs per persisted section; one MySQL write
 *                              per this many messages of a user, and the largest jump after a Redis loss
 * @param answerWaitMillis      {@code fanout.answer-wait.ms} (2000): how long a sender waits for its
 *                              message's fan-out before being answered "durably queued"; below the
 *                              gateway's Dubbo timeout (3000)
 * @param staleMillis           {@code fanout.stale.ms} (5000): a job pending this long is retried by the sweeper
 * @param fanoutWriters         {@code fanout.writers} (4): threads writing a large group's chunks
 * @param mergeFromMembers      {@code unread.merge.min-members} (100): groups this large get merged unread increments
 * @param mergeMaxMessages      {@code unread.merge.max-messages} (100): flush merged increments after this many messages
 * @param mergeMaxDelayMillis   {@code unread.merge.max-delay.ms} (1000): or this long after the first one
 * @param mergeParallelism      {@code unread.merge.threads} (4): threads applying a flush
 * @param unreadLockWaitMillis  {@code unread.lock-wait.ms} (3000): wait for a user's unread lock before BUSY
 * @param syncGapGraceMillis    {@code sync.gap-grace.ms} (5000): a gap in a stream younger than this ends a sync page
 * @param drainThreads          {@code fanout.drain-threads} (8): threads waiting for and draining large-group,
 *                              recall and group-event fan-outs (queue 1000, then BUSY)
 * @param queryThreads          {@code query.threads} (8): threads serving sync, read, recall, conversation lists
 * @param queryQueue            {@code query.queue} (2000): calls queued for them; past it BUSY
 * @param orgCacheEntries       {@code org.cache.max-entries} (200000): cached send checks and member lists
 */
public record LogicSettings(int seqStep, int answerWaitMillis, int staleMillis, int fanoutWriters, int mergeFromMembers,
                            int mergeMaxMessages, int mergeMaxDelayMillis, int mergeParallelism,
                            int unreadLockWaitMillis, int syncGapGraceMillis, int drainThreads, int queryThreads,
                            int queryQueue, int orgCacheEntries) {

    public static LogicSettings from(ImConfig c) {
        return new LogicSettings(
                c.intValue("seq.step", 10_000, 1, 1_000_000),
                c.intValue("fanout.answer-wait.ms", 2000, 0, 60_000),
                c.intValue("fanout.stale.ms", 5000, 200, 600_000),
                c.intValue("fanout.writers", 4, 1, 64),
                c.intValue("unread.merge.min-members", 100, 2, 1_000_000),
                c.intValue("unread.merge.max-messages", 100, 1, 10_000),
                c.intValue("unread.merge.max-delay.ms", 1000, 10, 60_000),
                c.intValue("unread.merge.threads", 4, 1, 64),
                c.intValue("unread.lock-wait.ms", 3000, 10, 60_000),
                c.intValue("sync.gap-grace.ms", 5000, 0, 600_000),
                c.intValue("fanout.drain-threads", 8, 1, 256),
                c.intValue("query.threads", 8, 1, 256),
                c.intValue("query.queue", 2000, 1, 1_000_000),
                c.intValue("org.cache.max-entries", 200_000, 1, 10_000_000));
    }
}
