package im.org.user;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** A row of {@code org_user}; MyBatis fills the fields. */
@TableName("org_user")
public class UserRow {
    /** {@link #role} of an employee. */
    public static final int ROLE_EMPLOYEE = 0;
    /** {@link #role} of a tenant admin. */
    public static final int ROLE_TENANT_ADMIN = 1;

    @TableId(type = IdType.AUTO)
    public Long id;
    public Long tenantId;
    public String account;
    public String name;
    public String passwordHash;
    public Integer role;
    public Boolean disabled;
    public Long createdAt;
}
