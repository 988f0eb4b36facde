package im.infra.auth;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.LongCodec;
import org.redisson.client.codec.StringCodec;

/**
 * Server-side revocation of tokens, in Redis so every node sees it at once:
 * <ul>
 *   <li>{@code im:auth:revoked:<tokenId>}: one token (logout); expires with the token.</li>
 *   <li>{@code im:auth:not-before:<userId>}: epoch millis; every token of the user issued before it
 *       is refused (account disabled: {@link Long#MAX_VALUE}; password change: now).</li>
 * </ul>
 * A check is one Redis round trip (both keys in one batch). Thread-safe.
 */
public final class TokenRevocations {
    private final RedissonClient redis;

    public TokenRevocations(RedissonClient redis) {
        this.redis = redis;
    }

    /** True when {@code token} was revoked, alone or with all of its user's tokens. */
    public boolean isRevoked(AccessToken token) {
        RBatch batch = redis.createBatch();
        CompletableFuture<Boolean> revoked = isRevoked(batch, token);
        batch.execute();
        return revoked.join();
    }

    /**
     * Adds the check of {@code token} to {@code batch}, for a caller that sends it with other commands in
     * one round trip; the future completes when the batch has run.
     */
    public CompletableFuture<Boolean> isRevoked(RBatch batch, AccessToken token) {
        CompletableFuture<Boolean> revoked = batch.getBucket(revokedKey(token.tokenId()), StringCodec.INSTANCE)
                .isExistsAsync().toCompletableFuture();
        CompletableFuture<Long> notBefore = batch.<Long>getBucket(notBeforeKey(token.userId()), LongCodec.INSTANCE)
                .getAsync().toCompletableFuture();
        return revoked.thenCombine(notBefore, (one, nb) -> one || (nb != null && token.issuedAt() < nb));
    }

    /** Revokes one token until it would have expired anyway. */
    public void revoke(AccessToken token, long nowMillis) {
        long ttl = Math.max(1, token.expiresAt() - nowMillis);
        redis.getBucket(revokedKey(token.tokenId()), StringCodec.INSTANCE).set("1", Duration.ofMillis(ttl));
    }

    /** Refuses every token of {@code userId} issued before {@code notBeforeMillis}. */
    public void revokeAllBefore(long userId, long notBeforeMillis) {
        redis.getBucket(notBeforeKey(userId), LongCodec.INSTANCE).set(notBeforeMillis);
    }

    /** Refuses every token of {@code userId}, past and future, until {@link #revokeAllBefore} lowers it. */
    public void disable(long userId) {
        revokeAllBefore(userId, Long.MAX_VALUE);
    }

    static String revokedKey(String tokenId) {
        return "im:auth:revoked:" + tokenId;
    }

    static String notBeforeKey(long userId) {
        return "im:auth:not-before:" + userId;
    }
}
