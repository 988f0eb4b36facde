package im.infra.dubbo;

import im.infra.config.ConfigException;
import im.infra.config.ImConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credential of internal Dubbo calls: Dubbo's provider token, one per exported service, derived
 * from the deployment's secret (key {@value #KEY}, base64, at least 32 bytes, the same on every node)
 * as HMAC-SHA256(secret, {@code interface/group}). Every provider refuses a call without its token
 * (Dubbo's {@code TokenFilter}); a consumer finds the token in the provider URL it reads from the
 * registry, and a direct reference (no registry) attaches it from here. The secret itself never leaves
 * the process: a registry reader learns the tokens of the services it sees, not the secret, and a
 * rotated secret changes every token. Limits: docs/security.md. Immutable, thread-safe.
 */
public final class ServiceTokens {
    public static final String KEY = "internal.token.secret";
    private static final int MIN_SECRET_BYTES = 32;

    private final byte[] secret;

    private ServiceTokens(byte[] secret) {
        this.secret = secret;
    }

    /** The deployment's tokens; the key is required. */
    public static ServiceTokens from(ImConfig config) {
        String encoded = config.string(KEY);
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("key '" + KEY + "' must be base64: " + e.getMessage());
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new ConfigException("key '" + KEY + "' must decode to at least " + MIN_SECRET_BYTES
                    + " bytes, was " + secret.length);
        }
        return new ServiceTokens(secret);
    }

    /** The token of {@code type} exported in {@code group}. */
    public String tokenFor(Class<?> type, String group) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((type.getName() + "/" + group).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "ServiceTokens{secret hidden}";
    }
}
