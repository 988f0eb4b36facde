package im.access.session;

import im.infra.auth.KickAnnouncements;
import im.infra.auth.TokenRevocations;
import java.util.List;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the org tier's kick announcements ({@link KickAnnouncements}) to this node's sessions:
 * reason 2 (account disabled) closes every session of the user; reason 3 (token revoked: logout,
 * password change) closes exactly the sessions whose login token is revoked now, checked in one Redis
 * batch, so a logout on the phone leaves the desktop connected while a password change closes both.
 * Called on a Redisson thread; never blocks it (the check completes asynchronously and the kick runs
 * on each connection's event loop). Thread-safe.
 */
public final class RevokedSessionKicker implements KickAnnouncements.Listener {
    private static final Logger log = LoggerFactory.getLogger(RevokedSessionKicker.class);

    private final SessionRegistry sessions;
    private final SessionKicker kicker;
    private final RedissonClient redis;
    private final TokenRevocations revocations;

    public RevokedSessionKicker(SessionRegistry sessions, SessionKicker kicker, RedissonClient redis,
                                TokenRevocations revocations) {
        this.sessions = sessions;
        this.kicker = kicker;
        this.redis = redis;
        this.revocations = revocations;
    }

    @Override
    public void kick(long userId, int reason, String message) {
        List<Connection> mine = List.of(sessions.connectionsOf(userId));
        if (mine.isEmpty()) {
            return;
        }
        if (reason != KickAnnouncements.REASON_TOKEN_REVOKED) {
            for (Connection c : mine) {
                kicker.kick(c, reason, message);
            }
            return;
        }
        RBatch batch = redis.createBatch();
        for (Connection c : mine) {
            SessionIdentity id = c.identity();
            if (id != null && id.token() != null) {
                revocations.isRevoked(batch, id.token()).thenAccept(revoked -> {
                    if (revoked) {
                        kicker.kick(c, reason, message);
                    }
                });
            }
        }
        batch.executeAsync().whenComplete((r, e) -> {
            if (e != null) { // the token stays revoked: the session can do nothing that needs it again
                log.warn("Failed to check revoked sessions: {userId={}}: {}", userId, e.toString());
            }
        });
    }
}
