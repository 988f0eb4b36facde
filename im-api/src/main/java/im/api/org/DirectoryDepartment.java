package im.api.org;

import java.io.Serializable;

/**
 * One department as the directory lists it to a viewer: only departments the viewer may see are
 * listed, and the counts cover only what the viewer may see.
 *
 * @param departmentId the department
 * @param parentId     its parent, 0 for a top-level department
 * @param name         its name
 * @param memberCount  its direct members the viewer may see (enabled accounts)
 * @param childCount   its direct sub-departments the viewer may see
 */
public record DirectoryDepartment(long departmentId, long parentId, String name, int memberCount, int childCount)
        implements Serializable {
}
