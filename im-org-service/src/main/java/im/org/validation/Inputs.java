package im.org.validation;

import im.api.ErrorCode;
import im.api.ImException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates what callers send before anything touches the database. Display names accept any
 * printable Unicode (CJK, emoji; lengths in code points, as the utf8mb4 columns count them);
 * accounts and tenant codes are restricted to ASCII identifiers because people type them at login.
 * SQL metacharacters are harmless everywhere (every statement binds parameters) but cannot pass
 * the identifier patterns.
 */
public final class Inputs {
    /** The longest display name (department, user, group, tenant), in code points. */
    public static final int MAX_NAME = 64;
    /** bcrypt reads at most 72 bytes of a password; a longer one would be silently truncated. */
    public static final int MAX_PASSWORD_BYTES = 72;
    public static final int MIN_PASSWORD = 8;

    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern TENANT_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{1,31}");

    private Inputs() {
    }

    /** A display name: 1..{@link #MAX_NAME} code points, not blank, no control characters. */
    public static String name(String field, String value) throws ImException {
        if (value == null) {
            throw bad(field + " is required");
        }
        String v = value.strip();
        int length = v.codePointCount(0, v.length());
        if (length == 0 || length > MAX_NAME) {
            throw bad(field + " must be 1.." + MAX_NAME + " characters");
        }
        if (v.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.UNASSIGNED
                || Character.getType(c) == Character.SURROGATE)) {
            throw bad(field + " must not contain control or unassigned characters");
        }
        return v;
    }

    public static String account(String field, String value) throws ImException {
        if (value == null || !ACCOUNT.matcher(value).matches()) {
            throw bad(field + " must be 1..64 of A-Z a-z 0-9 . _ @ -");
        }
        return value;
    }

    public static String tenantCode(String value) throws ImException {
        if (value == null || !TENANT_CODE.matcher(value).matches()) {
            throw bad("code must be 2..32 of a-z 0-9 -, starting with a letter or digit");
        }
        return value;
    }

    public static String password(String field, String value) throws ImException {
        if (value == null || value.length() < MIN_PASSWORD
                || value.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw bad(field + " must be " + MIN_PASSWORD + ".." + MAX_PASSWORD_BYTES + " bytes");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw bad(field + " must not contain control characters");
        }
        return value;
    }

    /** An id: positive. */
    public static long id(String field, long value) throws ImException {
        if (value <= 0) {
            throw bad(field + " must be a positive id");
        }
        return value;
    }

    /** 0..max distinct positive ids. */
    public static List<Long> ids(String field, List<Long> values, int max) throws ImException {
        if (values == null) {
            throw bad(field + " is required");
        }
        if (values.size() > max) {
            throw bad(field + " must hold at most " + max + " ids");
        }
        Set<Long> seen = new HashSet<>();
        for (Long v : values) {
            if (v == null || v <= 0) {
                throw bad(field + " must hold positive ids");
            }
            if (!seen.add(v)) {
                throw bad(field + " holds " + v + " twice");
            }
        }
        return List.copyOf(values);
    }

    public static ImException bad(String message) {
        return new ImException(ErrorCode.BAD_REQUEST, message);
    }
}
