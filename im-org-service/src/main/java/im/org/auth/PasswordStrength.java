package im.org.auth;

import im.api.ErrorCode;
import im.api.ImException;
import im.org.validation.Inputs;
import java.util.Locale;

/**
 * The strength check of a new password (a password change; admins setting an initial password keep
 * {@link Inputs#password}'s length rule): {@link Inputs#MIN_PASSWORD}..{@link Inputs#MAX_PASSWORD_BYTES}
 * bytes, at least three of the four classes lower case, upper case, digit and other, not containing
 * the account, and not the old password. Stateless.
 */
public final class PasswordStrength {
    /** Character classes a new password must mix: NIST-style length plus a modest mix. */
    static final int MIN_CLASSES = 3;

    private PasswordStrength() {
    }

    /** The password when it passes, else a {@code BAD_REQUEST} saying which rule it broke. */
    public static String check(String password, String account, String oldPassword) throws ImException {
        String p = Inputs.password("newPassword", password);
        int lower = 0;
        int upper = 0;
        int digit = 0;
        int other = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (Character.isLowerCase(c)) {
                lower = 1;
            } else if (Character.isUpperCase(c)) {
                upper = 1;
            } else if (Character.isDigit(c)) {
                digit = 1;
            } else {
                other = 1;
            }
        }
        if (lower + upper + digit + other < MIN_CLASSES) {
            throw weak("newPassword must mix at least " + MIN_CLASSES
                    + " of: lower case, upper case, digits, other characters");
        }
        if (account != null && account.length() >= 3
                && p.toLowerCase(Locale.ROOT).contains(account.toLowerCase(Locale.ROOT))) {
            throw weak("newPassword must not contain the account name");
        }
        if (p.equals(oldPassword)) {
            throw weak("newPassword must differ from the old one");
        }
        return p;
    }

    private static ImException weak(String message) {
        return new ImException(ErrorCode.BAD_REQUEST, message);
    }
}
