package im.api.org;

import java.io.Serializable;

/**
 * A user as the department tree lists it.
 *
 * @param userId   the user
 * @param account  the login account, unique in the tenant
 * @param name     the display name
 * @param disabled whether the account is disabled
 */
public record MemberSummary(long userId, String account, String name, boolean disabled) implements Serializable {
}
