package im.org.tenant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** A row of {@code tenant}; MyBatis fills the fields. */
@TableName("tenant")
public class TenantRow {
    @TableId(type = IdType.AUTO)
    public Long id;
    public String code;
    public String name;
    public Long createdAt;
}
