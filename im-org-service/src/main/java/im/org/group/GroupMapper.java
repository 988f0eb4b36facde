package im.org.group;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** {@code im_group} and {@code group_member}. */
public interface GroupMapper extends BaseMapper<GroupRow> {

    /** The group row, locked for the rest of the transaction: membership changes are serialized per group. */
    @Select("SELECT * FROM im_group WHERE id = #{id} FOR UPDATE")
    GroupRow lock(@Param("id") long id);

    @Insert({"<script>INSERT INTO group_member (group_id, user_id, role, muted, joined_at) VALUES",
            "<foreach collection='rows' item='r' separator=','>(#{r.groupId}, #{r.userId}, #{r.role}, 0, #{r.joinedAt})</foreach>",
            "</script>"})
    int insertMembers(@Param("rows") List<GroupMemberRow> rows);

    @Select("SELECT * FROM group_member WHERE group_id = #{groupId} ORDER BY user_id")
    List<GroupMemberRow> members(@Param("groupId") long groupId);

    @Select("SELECT user_id FROM group_member WHERE group_id = #{groupId} ORDER BY user_id")
    List<Long> memberIds(@Param("groupId") long groupId);

    @Select("SELECT * FROM group_member WHERE group_id = #{groupId} AND user_id = #{userId}")
    GroupMemberRow member(@Param("groupId") long groupId, @Param("userId") long userId);

    @Delete("DELETE FROM group_member WHERE group_id = #{groupId} AND user_id = #{userId}")
    int deleteMember(@Param("groupId") long groupId, @Param("userId") long userId);

    @Update("UPDATE group_member SET muted = #{muted} WHERE group_id = #{groupId} AND user_id = #{userId}")
    int setMuted(@Param("groupId") long groupId, @Param("userId") long userId, @Param("muted") boolean muted);

    @Update("UPDATE group_member SET role = #{role} WHERE group_id = #{groupId} AND user_id = #{userId}")
    int setRole(@Param("groupId") long groupId, @Param("userId") long userId, @Param("role") int role);

    /** Bumps the membership version and sets the member count after a change. */
    @Update("UPDATE im_group SET version = version + 1, member_count = #{memberCount} WHERE id = #{id}")
    int bump(@Param("id") long id, @Param("memberCount") int memberCount);

    /** A live group of the tenant with this name (names are not unique: the first one). */
    @Select("SELECT * FROM im_group WHERE tenant_id = #{tenantId} AND name = #{name} AND dismissed = 0"
            + " ORDER BY id LIMIT 1")
    GroupRow liveByName(@Param("tenantId") long tenantId, @Param("name") String name);

    @Update("UPDATE im_group SET dismissed = 1, version = version + 1 WHERE id = #{id}")
    int dismiss(@Param("id") long id);
}
