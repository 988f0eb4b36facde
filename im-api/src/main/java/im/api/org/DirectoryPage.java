package im.api.org;

import java.io.Serializable;
import java.util.List;

/**
 * One page of directory users.
 *
 * @param total every user the query matches that the viewer may see
 * @param users this page's users
 */
public record DirectoryPage(long total, List<UserProfile> users) implements Serializable {
    public DirectoryPage {
        users = List.copyOf(users);
    }
}
