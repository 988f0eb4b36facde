package im.org.authz;

import java.util.List;
import java.util.Map;

/**
 * A tenant's visibility rules: for each restricted department, the path prefixes its members are
 * visible from (the departments of its rule and the department itself).
 */
public record TenantRules(long tenantId, Map<Long, List<String>> visibleFrom) {
    public TenantRules {
        visibleFrom = Map.copyOf(visibleFrom);
    }

    /**
     * The rule in force for a member of the department at {@code path}: that of its nearest
     * restricted ancestor-or-self, or {@code null} when none is restricted (visible to the tenant).
     */
    List<String> ruleFor(String path) {
        if (visibleFrom.isEmpty()) {
            return null;
        }
        // path is "/a/b/c/": walk c, b, a.
        int end = path.length() - 1;
        while (end > 0) {
            int start = path.lastIndexOf('/', end - 1);
            long id = Long.parseLong(path, start + 1, end, 10);
            List<String> rule = visibleFrom.get(id);
            if (rule != null) {
                return rule;
            }
            end = start;
        }
        return null;
    }
}
