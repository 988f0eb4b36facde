package im.org;

import im.org.department.DepartmentMapper;
import im.org.directory.DirectoryMapper;
import im.org.group.GroupMapper;
import im.org.tenant.TenantMapper;
import im.org.user.UserMapper;

/** Every MyBatis mapper of the org database, for {@link im.org.store.MyBatisFactory#create}. */
public final class OrgMappers {
    static final Class<?>[] ALL = {TenantMapper.class, UserMapper.class, DepartmentMapper.class, GroupMapper.class,
            DirectoryMapper.class};

    private OrgMappers() {
    }

    /** A copy of the mapper list. */
    public static Class<?>[] all() {
        return ALL.clone();
    }
}
