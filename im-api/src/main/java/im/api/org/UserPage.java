package im.api.org;

import java.io.Serializable;
import java.util.List;

/**
 * One page of a tenant's users, by id.
 *
 * @param total every user the query matches
 * @param users this page's users
 */
public record UserPage(long total, List<MemberSummary> users) implements Serializable {
    public UserPage {
        users = List.copyOf(users);
    }
}
