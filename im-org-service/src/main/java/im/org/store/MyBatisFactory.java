package im.org.store;

import com.baomidou.mybatisplus.core.MybatisConfiguration;
import com.baomidou.mybatisplus.core.MybatisSqlSessionFactoryBuilder;
import com.baomidou.mybatisplus.core.config.GlobalConfig;
import com.baomidou.mybatisplus.core.toolkit.GlobalConfigUtils;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/**
 * Builds the MyBatis-Plus session factory over one data source, the way its Spring starter would
 * but with plain objects: a {@link MybatisConfiguration} (snake_case columns to camelCase fields),
 * JDBC transactions, and the mappers given.
 */
public final class MyBatisFactory {
    private MyBatisFactory() {
    }

    public static SqlSessionFactory create(String name, DataSource dataSource, Class<?>... mappers) {
        MybatisConfiguration configuration = new MybatisConfiguration();
        configuration.setMapUnderscoreToCamelCase(true);
        configuration.setCacheEnabled(false); // our caches are explicit (im.org.authz.OrgCache)
        configuration.setDefaultStatementTimeout(10);
        configuration.setEnvironment(new Environment(name, new JdbcTransactionFactory(), dataSource));
        GlobalConfig global = GlobalConfigUtils.defaults();
        global.setBanner(false);
        GlobalConfigUtils.setGlobalConfig(configuration, global);
        for (Class<?> mapper : mappers) {
            configuration.addMapper(mapper);
        }
        return new MybatisSqlSessionFactoryBuilder().build(configuration);
    }
}
