package im.logic.lane;

import im.infra.config.ImConfig;

/**
 * The send lanes' settings, read once and validated at start-up.
 *
 * @param lanes           {@code lane.count} (4): ordering lanes (threads) per node; each writes its own
 *                        batches, so this is also how many batches are in flight against the database.
 *                        About twice the cores: on the 2-core box 4 lanes carried 1.3-1.6x what 8 did
 *                        with a third of the p99 (fewer runnable threads, larger batches;
 *                        docs/benchmarks.md, 2026-12-03)
 * @param queueCapacity   {@code lane.queue} (1024): sends queued per lane; past it a send is answered
 *                        BUSY at once
 * @param maxBatch        {@code lane.batch.max} (256): sends written together at most
 * @param maxQueueMillis  {@code lane.max-queue.ms} (800): a send queued longer than this is answered
 *                        BUSY instead of written (overload: answer quickly, keep latency bounded)
 * @param maxLaneMembers  {@code lane.max-group-members} (500): larger groups go to the durable fan-out
 *                        jobs, written in chunks off the lanes
 * @param lockTtlMillis   {@code lane.lock-ttl.ms} (5000): how long a dead node's conversation lock
 *                        blocks its conversation
 * @param lockRetryMillis {@code lane.lock-retry.ms} (2): a conversation locked by another node is tried
 *                        again this much later
 * @param maxWaitMillis   {@code lane.max-wait.ms} (2500): a send still waiting for its conversation's
 *                        lock after this long is answered BUSY; below the gateway's Dubbo timeout
 */
public record LaneSettings(int lanes, int queueCapacity, int maxBatch, int maxQueueMillis, int maxLaneMembers,
                           int lockTtlMillis, int lockRetryMillis, int maxWaitMillis) {

    public static LaneSettings from(ImConfig c) {
        return new LaneSettings(
                c.intValue("lane.count", 4, 1, 256),
                c.intValue("lane.queue", 1024, 1, 1_000_000),
                c.intValue("lane.batch.max", 256, 1, 10_000),
                c.intValue("lane.max-queue.ms", 800, 1, 60_000),
                c.intValue("lane.max-group-members", 500, 2, 100_000),
                c.intValue("lane.lock-ttl.ms", 5000, 100, 600_000),
                c.intValue("lane.lock-retry.ms", 2, 1, 10_000),
                c.intValue("lane.max-wait.ms", 2500, 1, 60_000));
    }
}
