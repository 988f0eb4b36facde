package im.org.user;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** {@code org_user} and {@code user_department}. */
public interface UserMapper extends BaseMapper<UserRow> {

    @Select("SELECT * FROM org_user WHERE tenant_id = #{tenantId} AND account = #{account}")
    UserRow findByAccount(@Param("tenantId") long tenantId, @Param("account") String account);

    @Select("SELECT department_id FROM user_department WHERE user_id = #{userId} ORDER BY department_id")
    List<Long> departmentIdsOf(@Param("userId") long userId);

    /** The paths of the user's departments: what visibility and scope checks need. */
    @Select("SELECT d.path FROM user_department ud JOIN department d ON d.id = ud.department_id"
            + " WHERE ud.user_id = #{userId}")
    List<String> departmentPathsOf(@Param("userId") long userId);

    @Insert({"<script>INSERT INTO user_department (user_id, department_id, tenant_id) VALUES",
            "<foreach collection='departmentIds' item='d' separator=','>(#{userId}, #{d}, #{tenantId})</foreach>",
            "</script>"})
    int addDepartments(@Param("tenantId") long tenantId, @Param("userId") long userId,
                       @Param("departmentIds") List<Long> departmentIds);

    @Delete("DELETE FROM user_department WHERE user_id = #{userId}")
    int clearDepartments(@Param("userId") long userId);

    /** Users of the given tenant among {@code ids} (the ones that exist). */
    @Select({"<script>SELECT id FROM org_user WHERE tenant_id = #{tenantId} AND id IN",
            "<foreach collection='ids' item='i' open='(' separator=',' close=')'>#{i}</foreach></script>"})
    List<Long> existingInTenant(@Param("tenantId") long tenantId, @Param("ids") List<Long> ids);

    @Select({"<script>SELECT * FROM org_user WHERE id IN",
            "<foreach collection='ids' item='i' open='(' separator=',' close=')'>#{i}</foreach></script>"})
    List<UserRow> findByIds(@Param("ids") List<Long> ids);

    /** (user, department path) for every department of the given users. */
    @Select({"<script>SELECT ud.user_id AS userId, d.path AS path FROM user_department ud",
            "JOIN department d ON d.id = ud.department_id WHERE ud.user_id IN",
            "<foreach collection='ids' item='i' open='(' separator=',' close=')'>#{i}</foreach></script>"})
    List<UserPathRow> pathsOfUsers(@Param("ids") List<Long> ids);

    @Select("SELECT COUNT(*) FROM org_user WHERE tenant_id = #{tenantId}")
    long countInTenant(@Param("tenantId") long tenantId);

    @Select("SELECT * FROM org_user WHERE tenant_id = #{tenantId} ORDER BY id LIMIT #{offset}, #{size}")
    List<UserRow> pageInTenant(@Param("tenantId") long tenantId, @Param("offset") long offset, @Param("size") int size);

    @Select("SELECT COUNT(DISTINCT ud.user_id) FROM user_department ud JOIN department d ON d.id = ud.department_id"
            + " WHERE d.tenant_id = #{tenantId} AND d.path LIKE CONCAT(#{path}, '%')")
    long countInSubtree(@Param("tenantId") long tenantId, @Param("path") String path);

    @Select("SELECT u.* FROM org_user u WHERE u.id IN (SELECT ud.user_id FROM user_department ud"
            + " JOIN department d ON d.id = ud.department_id WHERE d.tenant_id = #{tenantId}"
            + " AND d.path LIKE CONCAT(#{path}, '%')) ORDER BY u.id LIMIT #{offset}, #{size}")
    List<UserRow> pageInSubtree(@Param("tenantId") long tenantId, @Param("path") String path,
                                @Param("offset") long offset, @Param("size") int size);

    @Update("UPDATE org_user SET password_hash = #{hash} WHERE id = #{id}")
    int setPasswordHash(@Param("id") long id, @Param("hash") String hash);
}
