package im.org.department;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** A row of {@code department}; MyBatis fills the fields. {@code path} is {@code /root/../self/}. */
@TableName("department")
public class DepartmentRow {
    @TableId(type = IdType.AUTO)
    public Long id;
    public Long tenantId;
    public Long parentId;
    public String name;
    public String path;
    public Integer depth;
    public Boolean restricted;
    public Long createdAt;
}
