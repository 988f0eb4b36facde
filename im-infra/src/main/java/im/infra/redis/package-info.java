/** Redis access through Redisson: routes, seq counters, unread counters, dedup keys. */
package im.infra.redis;
