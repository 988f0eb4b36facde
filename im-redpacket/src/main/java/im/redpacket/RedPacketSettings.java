package im.redpacket;

import im.infra.config.ConfigException;
import im.infra.config.ImConfig;
import java.util.Map;
import java.util.TreeMap;

/**
 * im-redpacket's own settings, read once and validated at start-up (a bad value stops the process with
 * the key named).
 *
 * @param expirySeconds         {@code redpacket.expiry.seconds} (86400): a packet's life; then the
 *                              unclaimed amount is refunded. Tests use seconds.
 * @param refundScanMillis      {@code redpacket.refund.scan.ms} (5000): how often the refund scan looks
 *                              for expired packets (and for refunds a crash left unfinished)
 * @param creditSweepMillis     {@code redpacket.credit.sweep.ms} (5000): how often the credit sweep looks
 *                              for committed grabs whose credit never arrived (a lost credit message)
 * @param defaultMaxTotal       {@code redpacket.limit.max-total} (2000000 = 20,000.00): the largest
 *                              packet of a tenant without its own limit, in cents
 * @param tenantMaxTotal        {@code redpacket.limit.max-total.tenant.<tenantId>}: per-tenant limits
 * @param globalTxTimeoutMillis {@code redpacket.global-tx.timeout.ms} (10000): Seata timeout of a send
 *                              or refund; a crashed sender's transaction is rolled back after it
 * @param chatSweepMillis       {@code redpacket.chat.sweep.ms} (30000): how often the chat sweep looks for
 *                              committed packets whose chat message is not known to be posted
 * @param chatSweepAfterMillis  {@code redpacket.chat.sweep.after.ms} (300000): the age from which the chat
 *                              sweep posts a packet's message itself. The transactional message normally
 *                              posts it within a second; the broker's check-backs of a half message whose
 *                              producer died go on for 15 checks (45 s at the development broker's 3 s,
 *                              15 min at RocketMQ's default 60 s), so 5 minutes leaves the fast paths their
 *                              chance on a development broker and only costs a de-duplicated repeat on a
 *                              default one. At most 23 h (im-logic de-duplicates a post for 24 h).
 */
public record RedPacketSettings(int expirySeconds, int refundScanMillis, int creditSweepMillis,
                                long defaultMaxTotal, Map<Long, Long> tenantMaxTotal, int globalTxTimeoutMillis,
                                int chatSweepMillis, int chatSweepAfterMillis) {
    static final String TENANT_LIMIT_PREFIX = "redpacket.limit.max-total.tenant.";

    public RedPacketSettings {
        tenantMaxTotal = Map.copyOf(tenantMaxTotal);
    }

    public static RedPacketSettings from(ImConfig c) {
        Map<Long, Long> limits = new TreeMap<>();
        for (Map.Entry<String, String> e : c.withPrefix(TENANT_LIMIT_PREFIX).entrySet()) {
            long tenant;
            try {
                tenant = Long.parseLong(e.getKey());
            } catch (NumberFormatException ex) {
                throw new ConfigException("key '" + TENANT_LIMIT_PREFIX + e.getKey() + "' must name a tenant id");
            }
            limits.put(tenant, (long) c.intValue(TENANT_LIMIT_PREFIX + e.getKey(), 1, Integer.MAX_VALUE));
        }
        return new RedPacketSettings(
                c.intValue("redpacket.expiry.seconds", 86_400, 1, 30 * 86_400),
                c.intValue("redpacket.refund.scan.ms", 5000, 100, 3_600_000),
                c.intValue("redpacket.credit.sweep.ms", 5000, 100, 3_600_000),
                c.intValue("redpacket.limit.max-total", 2_000_000, 1, Integer.MAX_VALUE),
                limits,
                c.intValue("redpacket.global-tx.timeout.ms", 10_000, 1000, 300_000),
                c.intValue("redpacket.chat.sweep.ms", 30_000, 100, 3_600_000),
                c.intValue("redpacket.chat.sweep.after.ms", 300_000, 1000, 23 * 3_600_000));
    }

    /** The largest packet {@code tenantId} may send, in cents. */
    public long maxTotal(long tenantId) {
        return tenantMaxTotal.getOrDefault(tenantId, defaultMaxTotal);
    }
}
