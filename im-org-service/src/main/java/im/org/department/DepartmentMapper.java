package im.org.department;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** {@code department}, {@code department_admin}, {@code department_visibility}. */
public interface DepartmentMapper extends BaseMapper<DepartmentRow> {

    @Select("SELECT * FROM department WHERE tenant_id = #{tenantId} ORDER BY depth, id")
    List<DepartmentRow> listByTenant(@Param("tenantId") long tenantId);

    /** Every department whose path starts with {@code path}: the subtree, itself included. */
    @Select("SELECT * FROM department WHERE tenant_id = #{tenantId} AND path LIKE CONCAT(#{path}, '%')"
            + " ORDER BY depth, id")
    List<DepartmentRow> subtree(@Param("tenantId") long tenantId, @Param("path") String path);

    /** By id; BaseMapper's deleteById(Serializable) resolves generics through Spring, which we do not ship. */
    @Delete("DELETE FROM department WHERE id = #{id}")
    int deleteDepartment(@Param("id") long id);

    @Select("SELECT COUNT(*) FROM department WHERE parent_id = #{id}")
    int countChildren(@Param("id") long id);

    @Select("SELECT COUNT(*) FROM user_department WHERE department_id = #{id}")
    int countMembers(@Param("id") long id);

    @Select({"<script>SELECT * FROM department WHERE tenant_id = #{tenantId} AND id IN",
            "<foreach collection='ids' item='i' open='(' separator=',' close=')'>#{i}</foreach></script>"})
    List<DepartmentRow> findInTenant(@Param("tenantId") long tenantId, @Param("ids") List<Long> ids);

    /**
     * Re-roots a subtree in one statement: every path starting with {@code oldPath} gets
     * {@code newPath} instead of that prefix, and its depth shifts by {@code depthDelta}.
     */
    @Update("UPDATE department SET path = CONCAT(#{newPath}, SUBSTRING(path, CHAR_LENGTH(#{oldPath}) + 1)),"
            + " depth = depth + #{depthDelta}"
            + " WHERE tenant_id = #{tenantId} AND path LIKE CONCAT(#{oldPath}, '%')")
    int rerootSubtree(@Param("tenantId") long tenantId, @Param("oldPath") String oldPath,
                      @Param("newPath") String newPath, @Param("depthDelta") int depthDelta);

    /** The direct members of the tenant's departments, for the tree. */
    @Select("SELECT ud.department_id AS departmentId, u.id AS userId, u.account, u.name, u.disabled"
            + " FROM user_department ud JOIN org_user u ON u.id = ud.user_id"
            + " WHERE ud.tenant_id = #{tenantId} ORDER BY ud.department_id, u.id")
    List<DepartmentMemberRow> membersOfTenant(@Param("tenantId") long tenantId);

    // --- department admins

    @Insert("INSERT IGNORE INTO department_admin (department_id, user_id, tenant_id)"
            + " VALUES (#{departmentId}, #{userId}, #{tenantId})")
    int addAdmin(@Param("tenantId") long tenantId, @Param("departmentId") long departmentId,
                 @Param("userId") long userId);

    @Delete("DELETE FROM department_admin WHERE department_id = #{departmentId} AND user_id = #{userId}")
    int removeAdmin(@Param("departmentId") long departmentId, @Param("userId") long userId);

    /** The paths of the departments {@code userId} administers. */
    @Select("SELECT d.path FROM department_admin a JOIN department d ON d.id = a.department_id"
            + " WHERE a.user_id = #{userId}")
    List<String> adminPathsOf(@Param("userId") long userId);

    @Delete("DELETE FROM department_admin WHERE department_id = #{departmentId}")
    int clearAdmins(@Param("departmentId") long departmentId);

    // --- visibility rules

    @Delete("DELETE FROM department_visibility WHERE department_id = #{departmentId}")
    int clearVisibility(@Param("departmentId") long departmentId);

    /** Also removes {@code departmentId} from the rules of other departments (before deleting it). */
    @Delete("DELETE FROM department_visibility WHERE visible_department_id = #{departmentId}")
    int removeFromRules(@Param("departmentId") long departmentId);

    @Insert({"<script>INSERT INTO department_visibility (department_id, visible_department_id, tenant_id) VALUES",
            "<foreach collection='visibleTo' item='v' separator=','>(#{departmentId}, #{v}, #{tenantId})</foreach>",
            "</script>"})
    int addVisibility(@Param("tenantId") long tenantId, @Param("departmentId") long departmentId,
                      @Param("visibleTo") List<Long> visibleTo);

    @Update("UPDATE department SET restricted = #{restricted} WHERE id = #{departmentId}")
    int setRestricted(@Param("departmentId") long departmentId, @Param("restricted") boolean restricted);

    /** Every rule of the tenant: (restricted department, path of a department it is visible from). */
    @Select("SELECT v.department_id AS departmentId, d.path AS visiblePath FROM department_visibility v"
            + " JOIN department d ON d.id = v.visible_department_id WHERE v.tenant_id = #{tenantId}")
    List<VisibilityRuleRow> rulesOfTenant(@Param("tenantId") long tenantId);

    /** The restricted departments of the tenant with their own paths (a rule with an empty list). */
    @Select("SELECT id AS departmentId, path AS visiblePath FROM department"
            + " WHERE tenant_id = #{tenantId} AND restricted = 1")
    List<VisibilityRuleRow> restrictedOfTenant(@Param("tenantId") long tenantId);
}
