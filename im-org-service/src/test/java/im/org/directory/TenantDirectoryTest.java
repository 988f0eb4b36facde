package im.org.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantDirectoryTest {

    private static Rows.Department dep(long id, long parent, String name, String path) {
        Rows.Department d = new Rows.Department();
        d.id = id;
        d.parentId = parent;
        d.name = name;
        d.path = path;
        return d;
    }

    private static Rows.User user(long id, String account, String name, boolean disabled) {
        Rows.User u = new Rows.User();
        u.id = id;
        u.account = account;
        u.name = name;
        u.role = 0;
        u.disabled = disabled;
        return u;
    }

    private static Rows.Membership in(long user, long department) {
        Rows.Membership m = new Rows.Membership();
        m.userId = user;
        m.departmentId = department;
        return m;
    }

    private static TenantDirectory directory() {
        return new TenantDirectory(7, List.of(dep(1, 0, "Engineering", "/1/"), dep(3, 0, "Sales", "/3/"),
                dep(2, 1, "Backend", "/1/2/")),
                List.of(user(10, "zhang.san", "张三", false), user(11, "zhang.wei", "张伟", false),
                        user(12, "alice", "Alice Smith", false), user(13, "ALbert", "albert", true),
                        user(14, "bob", "Bob", false)),
                List.of(in(10, 2), in(11, 3), in(12, 2), in(12, 3), in(13, 1), in(99, 1)));
    }

    private static List<String> names(TenantDirectory d, int[] ranks) {
        return Arrays.stream(ranks).mapToObj(r -> d.byRank(r).name).toList();
    }

    @Test
    void prefixMatches_shouldFindCjkNamesByTheirFirstCharacters_andAccountsCaseInsensitively() {
        TenantDirectory d = directory();

        assertThat(names(d, d.prefixMatches("张"))).containsExactly("张三", "张伟");
        assertThat(names(d, d.prefixMatches("张三"))).containsExactly("张三");
        assertThat(names(d, d.prefixMatches(TenantDirectory.fold("ZHANG.")))).containsExactly("张三", "张伟");
        assertThat(names(d, d.prefixMatches("al"))).containsExactly("albert", "Alice Smith");
        assertThat(d.prefixMatches("zz")).isEmpty();
    }

    @Test
    void prefixMatches_shouldListAPersonOnce_whenBothItsNameAndAccountMatch() {
        TenantDirectory d = directory();

        assertThat(names(d, d.prefixMatches("bob"))).containsExactly("Bob");
    }

    @Test
    void departments_shouldNestByParent_andListOnlyEnabledMembers_byName() {
        TenantDirectory d = directory();

        assertThat(d.topLevel()).extracting(x -> x.name).containsExactly("Engineering", "Sales");
        assertThat(d.department(1).children).extracting(x -> x.name).containsExactly("Backend");
        assertThat(d.department(2).pathNames).containsExactly("Engineering", "Backend");
        assertThat(d.department(2).members).extracting(p -> p.name).containsExactly("Alice Smith", "张三");
        assertThat(d.department(1).members).isEmpty(); // albert is disabled
        assertThat(d.person(12).card.departmentPaths()).containsExactlyInAnyOrder("/1/2/", "/3/");
        assertThat(d.person(99)).isNull(); // a membership row without a user is ignored
    }
}
