package im.api.org;

import java.io.Serializable;
import java.util.List;

/**
 * An employee as the directory shows it to a colleague (docs/api.md {@code GET /users}).
 *
 * @param userId      the user
 * @param account     the login account, unique in the tenant
 * @param name        the display name
 * @param title       the job title, empty when none is set
 * @param avatarUrl   the avatar's URL, empty when none is set
 * @param departments the paths of the user's departments that the viewer may see, as names from the
 *                    top, e.g. {@code ["Engineering", "Backend"]} per department
 * @param disabled    whether the account is disabled (shown so that old messages keep a name)
 */
public record UserProfile(long userId, String account, String name, String title, String avatarUrl,
                          List<List<String>> departments, boolean disabled) implements Serializable {
    public UserProfile {
        departments = departments.stream().map(List::copyOf).toList();
    }
}
