package im.org.group;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** A row of {@code im_group}; MyBatis fills the fields. */
@TableName("im_group")
public class GroupRow {
    @TableId(type = IdType.AUTO)
    public Long id;
    public Long tenantId;
    public String name;
    public Long ownerId;
    public Integer memberCount;
    public Long version;
    public Boolean dismissed;
    public Long createdAt;
}
