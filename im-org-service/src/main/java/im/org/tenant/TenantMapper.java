package im.org.tenant;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** {@code tenant}. */
public interface TenantMapper extends BaseMapper<TenantRow> {

    @Select("SELECT * FROM tenant WHERE code = #{code}")
    TenantRow findByCode(@Param("code") String code);
}
