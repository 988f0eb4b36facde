package im.api.org;

import java.io.Serializable;
import java.util.List;

/**
 * One page of the caller's groups, newest first.
 *
 * @param total  every live group the caller is a member of
 * @param groups this page's groups
 */
public record GroupPage(long total, List<GroupInfo> groups) implements Serializable {
    public GroupPage {
        groups = List.copyOf(groups);
    }
}
