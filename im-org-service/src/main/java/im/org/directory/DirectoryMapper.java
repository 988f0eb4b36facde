package im.org.directory;

import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The reads of a tenant's directory snapshot: three statements, each over one index range. */
public interface DirectoryMapper {

    @Select("SELECT id, parent_id AS parentId, name, path FROM department WHERE tenant_id = #{tenantId}"
            + " ORDER BY depth, id")
    List<Rows.Department> departments(@Param("tenantId") long tenantId);

    @Select("SELECT id, account, name, title, avatar_url AS avatarUrl, role, disabled FROM org_user"
            + " WHERE tenant_id = #{tenantId}")
    List<Rows.User> users(@Param("tenantId") long tenantId);

    /** Through org_user's (tenant_id, id) index: user_department has no index on tenant_id alone. */
    @Select("SELECT ud.user_id AS userId, ud.department_id AS departmentId FROM org_user u"
            + " JOIN user_department ud ON ud.user_id = u.id WHERE u.tenant_id = #{tenantId}")
    List<Rows.Membership> memberships(@Param("tenantId") long tenantId);
}
