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

    /** Members with their display names, by user id. */
    @Select("SELECT m.group_id AS groupId, m.user_id AS userId, m.role, m.muted, m.joined_at AS joinedAt, u.name"
            + " FROM group_member m JOIN org_user u ON u.id = m.user_id WHERE m.group_id = #{groupId}"
            + " ORDER BY m.user_id")
    List<GroupMemberRow> membersNamed(@Param("groupId") long groupId);

    @Select("SELECT COUNT(*) FROM group_member m JOIN im_group g ON g.id = m.group_id"
            + " WHERE m.user_id = #{userId} AND g.tenant_id = #{tenantId} AND g.dismissed = 0")
    long countGroupsOf(@Param("tenantId") long tenantId, @Param("userId") long userId);

    /** The user's live groups with its role and mute flag in each, newest first. */
    @Select("SELECT g.id AS groupId, g.name, g.owner_id AS ownerId, g.announcement, g.member_count AS memberCount,"
            + " m.role, m.muted FROM group_member m JOIN im_group g ON g.id = m.group_id"
            + " WHERE m.user_id = #{userId} AND g.tenant_id = #{tenantId} AND g.dismissed = 0"
            + " ORDER BY g.id DESC LIMIT #{offset}, #{size}")
    List<GroupInfoRow> groupsOf(@Param("tenantId") long tenantId, @Param("userId") long userId,
                                @Param("offset") long offset, @Param("size") int size);

    @Select("SELECT g.id AS groupId, g.name, g.owner_id AS ownerId, g.announcement, g.member_count AS memberCount,"
            + " m.role, m.muted FROM im_group g JOIN group_member m ON m.group_id = g.id AND m.user_id = #{userId}"
            + " WHERE g.id = #{groupId}")
    GroupInfoRow infoFor(@Param("groupId") long groupId, @Param("userId") long userId);

    @Update("UPDATE im_group SET name = #{name} WHERE id = #{id}")
    int rename(@Param("id") long id, @Param("name") String name);

    @Update("UPDATE im_group SET announcement = #{announcement} WHERE id = #{id}")
    int setAnnouncement(@Param("id") long id, @Param("announcement") String announcement);

    @Update("UPDATE im_group SET owner_id = #{ownerId} WHERE id = #{id}")
    int setOwner(@Param("id") long id, @Param("ownerId") long ownerId);
}
