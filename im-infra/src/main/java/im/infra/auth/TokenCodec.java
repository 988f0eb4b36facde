package im.infra.auth;

import im.api.ErrorCode;
import im.api.ImException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies bearer tokens with HMAC-SHA256, so any tier checks one locally:
 * {@code v1.<base64url(payload)>.<base64url(mac)>}, payload {@code tokenId|tenantId|userId|issuedAt|expiresAt}.
 * The secret is the same on every node ({@code auth.token.secret}, at least 32 bytes, base64).
 * Thread-safe: a {@link Mac} per call (they are cheap to clone, unsafe to share).
 */
public final class TokenCodec {
    private static final String PREFIX = "v1.";
    private static final int MAX_TOKEN_LENGTH = 512;
    private static final ImException MALFORMED = ImException.stackless(ErrorCode.UNAUTHENTICATED, "malformed token");
    private static final ImException FORGED = ImException.stackless(ErrorCode.UNAUTHENTICATED, "bad token signature");
    private static final ImException EXPIRED = ImException.stackless(ErrorCode.UNAUTHENTICATED, "token expired");

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param secret at least 32 bytes */
    public TokenCodec(byte[] secret) {
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("auth.token.secret must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        mac(); // fail at construction, not on the first login
    }

    /** A new random token id, 22 URL-safe characters (128 bits). */
    public String newTokenId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    public String encode(AccessToken t) {
        String payload = t.tokenId() + "|" + t.tenantId() + "|" + t.userId() + "|" + t.issuedAt() + "|" + t.expiresAt();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String body = b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return PREFIX + body + "." + b64.encodeToString(sign(body));
    }

    /**
     * Verifies signature and expiry. Revocation is separate ({@link TokenRevocations}).
     *
     * @throws ImException {@code UNAUTHENTICATED} (stackless) when malformed, forged or expired
     */
    public AccessToken verify(String token, long nowMillis) throws ImException {
        if (token == null || token.length() > MAX_TOKEN_LENGTH || !token.startsWith(PREFIX)) {
            throw MALFORMED;
        }
        int dot = token.indexOf('.', PREFIX.length());
        if (dot < 0) {
            throw MALFORMED;
        }
        String body = token.substring(PREFIX.length(), dot);
        byte[] mac;
        String[] fields;
        try {
            mac = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            fields = new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            throw MALFORMED;
        }
        if (!MessageDigest.isEqual(mac, sign(body))) {
            throw FORGED;
        }
        AccessToken t;
        try {
            t = new AccessToken(fields[0], Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                    Long.parseLong(fields[3]), Long.parseLong(fields[4]));
        } catch (RuntimeException e) {
            throw MALFORMED; // a signed but unparsable payload: only a key leak or a bug makes one
        }
        if (nowMillis >= t.expiresAt()) {
            throw EXPIRED;
        }
        return t;
    }

    private byte[] sign(String body) {
        return mac().doFinal(body.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
