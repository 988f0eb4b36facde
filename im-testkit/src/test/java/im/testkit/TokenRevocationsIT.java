package im.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import im.infra.auth.AccessToken;
import im.infra.auth.TokenRevocations;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StackExtension.class)
class TokenRevocationsIT {

    @Test
    void revocations_shouldRefuseOneToken_orEveryTokenIssuedBefore(Stack stack) {
        TokenRevocations revocations = new TokenRevocations(stack.redisson());
        long user = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        long now = System.currentTimeMillis();
        AccessToken first = token(user, now - 10_000, now + 60_000);
        AccessToken second = token(user, now - 5_000, now + 60_000);

        assertThat(revocations.isRevoked(first)).isFalse();

        revocations.revoke(first, now);
        assertThat(revocations.isRevoked(first)).isTrue();
        assertThat(revocations.isRevoked(second)).isFalse();

        revocations.revokeAllBefore(user, now - 7_000);
        assertThat(revocations.isRevoked(second)).isFalse();
        revocations.disable(user);
        assertThat(revocations.isRevoked(second)).isTrue();
        assertThat(revocations.isRevoked(token(user, now + 1_000, now + 60_000))).isTrue();

        revocations.revokeAllBefore(user, now);
        assertThat(revocations.isRevoked(token(user, now + 1_000, now + 60_000))).isFalse();
    }

    private static AccessToken token(long user, long issuedAt, long expiresAt) {
        return new AccessToken(UUID.randomUUID().toString().replace("-", ""), 1, user, issuedAt, expiresAt);
    }
}
