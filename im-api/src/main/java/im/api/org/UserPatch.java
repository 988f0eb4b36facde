package im.api.org;

import java.io.Serializable;
import java.util.List;

/**
 * A partial update of a user; {@code null} fields are left as they are.
 *
 * @param name          new display name, 1..64 characters
 * @param departmentIds the complete new set of departments (may be empty)
 * @param disabled      {@code true} disables the account and revokes all its tokens
 */
public record UserPatch(String name, List<Long> departmentIds, Boolean disabled) implements Serializable {
    public UserPatch {
        departmentIds = departmentIds == null ? null : List.copyOf(departmentIds);
    }
}
