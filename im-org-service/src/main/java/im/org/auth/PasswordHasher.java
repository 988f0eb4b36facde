package im.org.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * Salted slow password hashes: bcrypt ({@code $2a$}, a random 16-byte salt per hash) from
 * at.favre.lib:bcrypt. Cost 10 takes about 50 ms per check on a 2020s core: slow for an attacker
 * holding the table, fast enough for logins. Thread-safe.
 */
public final class PasswordHasher {
    /** Checked against a hash made at start-up when the account does not exist, so timing does not tell. */
    private final String decoy;
    private final int cost;

    /** @param cost bcrypt log2 rounds, 4..16 (config {@code auth.bcrypt.cost}) */
    public PasswordHasher(int cost) {
        if (cost < 4 || cost > 16) {
            throw new IllegalArgumentException("auth.bcrypt.cost must be in [4, 16], was " + cost);
        }
        this.cost = cost;
        this.decoy = hash("decoy-password-never-matches");
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.US_ASCII)).verified;
    }

    /** Spends the time of one check and answers false. */
    public boolean matchesNothing(String password) {
        matches(password, decoy);
        return false;
    }
}
