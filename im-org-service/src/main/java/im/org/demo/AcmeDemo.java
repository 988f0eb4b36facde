package im.org.demo;

import im.api.ImException;
import im.api.org.Caller;
import im.api.org.TenantCreated;
import im.org.department.DepartmentEndpoint;
import im.org.department.DepartmentMapper;
import im.org.department.DepartmentRow;
import im.org.group.GroupEndpoint;
import im.org.group.GroupMapper;
import im.org.store.Transactions;
import im.org.tenant.TenantEndpoint;
import im.org.tenant.TenantMapper;
import im.org.tenant.TenantRow;
import im.org.user.UserEndpoint;
import im.org.user.UserMapper;
import im.org.user.UserRow;
import im.org.visibility.VisibilityEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo tenant: a 3-level department tree, 50 employees, 3 groups, a Finance department visible
 * only from Finance and HR, and a department admin of Sales. Every step looks for what it would
 * create first (tenant by code, department by parent and name, user by account, group by name), so
 * loading twice, or after an interrupted load, ends in the same data.
 */
public final class AcmeDemo {
    public static final String TENANT_CODE = "acme";
    public static final String ADMIN_ACCOUNT = "admin";
    public static final String ADMIN_PASSWORD = "Acme-admin-1";
    public static final String EMPLOYEE_PASSWORD = "Welcome-acme-1";

    /** Department paths (parent before child) and the employees placed in each. */
    private static final String[][] TREE = {
            {"Engineering"}, {"Engineering", "Backend"}, {"Engineering", "Backend", "Messaging"},
            {"Engineering", "Backend", "Platform"}, {"Engineering", "Frontend"}, {"Engineering", "QA"},
            {"Sales"}, {"Sales", "China"}, {"Sales", "China", "Shanghai"}, {"Sales", "China", "Beijing"},
            {"Sales", "Europe"}, {"Finance"}, {"Finance", "Accounting"}, {"HR"}, {"HR", "Recruiting"}};
    private static final String[] NAMES = {
            "alice:Alice Chen", "bob:Bob Wang", "carol:Carol Liu", "dave:Dave Zhang", "erin:Erin Li",
            "sam:Sam Zhao", "frank:Frank Huang", "grace:Grace Wu", "heidi:Heidi Zhou", "ivan:Ivan Xu",
            "judy:Judy Sun", "mallory:Mallory Ma", "niaj:Niaj Zhu", "olivia:Olivia Hu", "peggy:Peggy Guo",
            "rupert:Rupert He", "sybil:Sybil Lin", "trent:Trent Gao", "uma:Uma Luo", "victor:Victor Zheng",
            "walter:Walter Liang", "xena:Xena Song", "yara:Yara Tang", "zoe:Zoe Han", "li.wei:李伟",
            "wang.fang:王芳", "zhang.min:张敏", "liu.yang:刘洋", "chen.jing:陈静", "yang.lei:杨磊",
            "zhao.li:赵丽", "huang.qiang:黄强", "zhou.jie:周杰", "wu.ting:吴婷", "xu.ming:徐明",
            "sun.hui:孙慧", "ma.chao:马超", "zhu.yan:朱燕", "hu.bin:胡斌", "guo.xin:郭欣",
            "he.tao:何涛", "lin.na:林娜", "gao.feng:高峰", "luo.yu:罗玉", "zheng.kai:郑凯",
            "liang.hong:梁红", "song.bo:宋波", "tang.lan:唐兰", "han.xue:韩雪", "feng.yi:冯毅"};
    /** Where the first employees go; the rest are spread over the leaves in order. */
    private static final Map<String, String> PLACED = Map.of(
            "alice", "Engineering/Backend/Messaging", "bob", "Sales/China/Shanghai", "carol", "Finance/Accounting",
            "dave", "HR", "erin", "Engineering/Frontend", "sam", "Sales");
    private static final List<String> LEAVES = List.of("Engineering/Backend/Messaging", "Engineering/Backend/Platform",
            "Engineering/Frontend", "Engineering/QA", "Sales/China/Shanghai", "Sales/China/Beijing", "Sales/Europe",
            "Finance/Accounting", "HR/Recruiting");

    private final Transactions tx;
    private final TenantEndpoint tenants;
    private final DepartmentEndpoint departments;
    private final UserEndpoint users;
    private final VisibilityEndpoint visibility;
    private final GroupEndpoint groups;

    public AcmeDemo(Transactions tx, TenantEndpoint tenants, DepartmentEndpoint departments, UserEndpoint users,
                    VisibilityEndpoint visibility, GroupEndpoint groups) {
        this.tx = tx;
        this.tenants = tenants;
        this.departments = departments;
        this.users = users;
        this.visibility = visibility;
        this.groups = groups;
    }

    /** Loads what is missing; returns each employee's account with its department path. */
    public Map<String, String> load() throws ImException {
        Caller admin = tenantAdmin();
        Map<String, Long> departmentIds = new LinkedHashMap<>();
        for (String[] path : TREE) {
            String parent = String.join("/", List.of(path).subList(0, path.length - 1));
            long parentId = parent.isEmpty() ? 0 : departmentIds.get(parent);
            departmentIds.put(String.join("/", path), department(admin, parentId, path[path.length - 1]));
        }
        visibility.setVisibility(admin, departmentIds.get("Finance"), List.of(departmentIds.get("HR")));

        Map<String, String> placement = new LinkedHashMap<>();
        Map<String, Long> userIds = new LinkedHashMap<>();
        int next = 0;
        for (String entry : NAMES) {
            String account = entry.substring(0, entry.indexOf(':'));
            String department = PLACED.getOrDefault(account, LEAVES.get(next++ % LEAVES.size()));
            placement.put(account, department);
            userIds.put(account, user(admin, account, entry.substring(entry.indexOf(':') + 1),
                    departmentIds.get(department)));
        }
        departments.setAdmin(admin, departmentIds.get("Sales"), userIds.get("sam"), true);

        group(admin, "alice", "Engineering", members(placement, userIds, "Engineering"));
        group(admin, "bob", "Sales Team", members(placement, userIds, "Sales"));
        group(admin, "dave", "Lunch Club", List.of(userIds.get("alice"), userIds.get("bob"), userIds.get("carol"),
                userIds.get("erin"), userIds.get("sam")));
        return placement;
    }

    private Caller tenantAdmin() throws ImException {
        Caller platform = new Caller(Caller.PLATFORM_TENANT_ID, Caller.PLATFORM_ADMIN_USER_ID);
        TenantRow existing = tx.read("find demo tenant", s -> s.getMapper(TenantMapper.class).findByCode(TENANT_CODE));
        if (existing == null) {
            TenantCreated t = tenants.createTenant(platform, TENANT_CODE, "Acme Corporation", ADMIN_ACCOUNT,
                    ADMIN_PASSWORD);
            return new Caller(t.tenantId(), t.adminUserId());
        }
        UserRow admin = tx.read("find demo admin",
                s -> s.getMapper(UserMapper.class).findByAccount(existing.id, ADMIN_ACCOUNT));
        return new Caller(existing.id, admin.id);
    }

    private long department(Caller admin, long parentId, String name) throws ImException {
        DepartmentRow existing = tx.read("find demo department", s -> s.getMapper(DepartmentMapper.class)
                .listByTenant(admin.tenantId()).stream()
                .filter(d -> d.parentId == parentId && d.name.equals(name)).findFirst().orElse(null));
        return existing != null ? existing.id : departments.create(admin, parentId, name);
    }

    private long user(Caller admin, String account, String name, long departmentId) throws ImException {
        UserRow existing = tx.read("find demo user",
                s -> s.getMapper(UserMapper.class).findByAccount(admin.tenantId(), account));
        return existing != null ? existing.id
                : users.create(admin, account, EMPLOYEE_PASSWORD, name, List.of(departmentId));
    }

    private static List<Long> members(Map<String, String> placement, Map<String, Long> userIds, String top) {
        List<Long> out = new ArrayList<>();
        placement.forEach((account, department) -> {
            if (department.equals(top) || department.startsWith(top + "/")) {
                out.add(userIds.get(account));
            }
        });
        return out;
    }

    private void group(Caller admin, String ownerAccount, String name, List<Long> memberIds) throws ImException {
        UserRow owner = tx.read("find demo group owner",
                s -> s.getMapper(UserMapper.class).findByAccount(admin.tenantId(), ownerAccount));
        boolean exists = tx.read("find demo group",
                s -> s.getMapper(GroupMapper.class).liveByName(admin.tenantId(), name) != null);
        if (!exists) {
            groups.create(new Caller(admin.tenantId(), owner.id), name, memberIds);
        }
    }
}
