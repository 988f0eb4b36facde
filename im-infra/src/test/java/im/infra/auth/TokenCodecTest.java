package im.infra.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.ImException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenCodecTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final TokenCodec codec = new TokenCodec(SECRET);

    @Test
    void verify_shouldReturnTheClaims_ofATokenItSigned() throws ImException {
        AccessToken t = new AccessToken(codec.newTokenId(), 7, 42, 1000, 5000);
        assertThat(codec.verify(codec.encode(t), 4999)).isEqualTo(t);
    }

    @Test
    void verify_shouldRefuse_whenExpired() {
        String token = codec.encode(new AccessToken(codec.newTokenId(), 7, 42, 1000, 5000));
        assertUnauthenticated(token, 5000, "expired");
    }

    @Test
    void verify_shouldRefuse_whenSignedWithAnotherKey() {
        TokenCodec other = new TokenCodec("another-secret-another-secret-xx".getBytes(StandardCharsets.US_ASCII));
        String forged = other.encode(new AccessToken(codec.newTokenId(), 7, 42, 1000, 5000));
        assertUnauthenticated(forged, 2000, "signature");
    }

    @Test
    void verify_shouldRefuse_whenPayloadIsAltered() {
        String token = codec.encode(new AccessToken(codec.newTokenId(), 7, 42, 1000, 5000));
        String otherUser = codec.encode(new AccessToken(codec.newTokenId(), 7, 43, 1000, 5000));
        String spliced = otherUser.substring(0, otherUser.lastIndexOf('.')) + token.substring(token.lastIndexOf('.'));
        assertUnauthenticated(spliced, 2000, "signature");
    }

    @Test
    void verify_shouldRefuse_garbage() {
        for (String garbage : new String[] {null, "", "v1.", "v1.abc", "v1.!!!.???", "x".repeat(600), "Bearer v1.a.b"}) {
            assertThatThrownBy(() -> codec.verify(garbage, 0)).isInstanceOfSatisfying(ImException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        }
    }

    @Test
    void constructor_shouldRefuse_shortSecrets() {
        assertThatThrownBy(() -> new TokenCodec(new byte[31])).hasMessageContaining("32 bytes");
    }

    private void assertUnauthenticated(String token, long now, String reason) {
        assertThatThrownBy(() -> codec.verify(token, now)).isInstanceOfSatisfying(ImException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            assertThat(e.getMessage()).contains(reason);
        });
    }
}
