package im.org.directory;

import im.org.authz.UserCard;
import im.org.user.UserRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One tenant's directory, immutable once built: departments with their children and direct members,
 * employees with the {@link UserCard} visibility needs, and a prefix index: every lower-cased name and
 * account in one sorted array, so the users whose name or account starts with a query are one binary
 * search and one contiguous range (a CJK name is indexed as written: "张" finds "张三"). Everything is
 * ordered by name (then id) once, here, so answers are pages of already sorted lists. About 300 bytes
 * per employee: 100,000 employees take some 30 MB. Thread-safe (immutable after construction).
 */
final class TenantDirectory {
    /** A department; {@code children} and {@code members} sorted by name. */
    static final class Department {
        /** Position among the tenant's departments, 0..{@link #departmentCount()} - 1. */
        final int index;
        final long id;
        final long parentId;
        final String name;
        final String path;
        /** The names from the top-level department down to this one. */
        final List<String> pathNames;
        final List<Department> children = new ArrayList<>();
        /** Enabled direct members. */
        final List<Person> members = new ArrayList<>();

        Department(int index, long id, long parentId, String name, String path, List<String> pathNames) {
            this.index = index;
            this.id = id;
            this.parentId = parentId;
            this.name = name;
            this.path = path;
            this.pathNames = List.copyOf(pathNames);
        }
    }

    /** An employee; {@code rank} is its position in name order. */
    static final class Person {
        final long id;
        final String account;
        final String name;
        final String title;
        final String avatarUrl;
        final boolean disabled;
        final UserCard card;
        final List<Department> departments;
        int rank;

        Person(long id, String account, String name, String title, String avatarUrl, boolean disabled, UserCard card,
               List<Department> departments) {
            this.id = id;
            this.account = account;
            this.name = name;
            this.title = title;
            this.avatarUrl = avatarUrl;
            this.disabled = disabled;
            this.card = card;
            this.departments = List.copyOf(departments);
        }
    }

    final long tenantId;
    private final Map<Long, Department> departments;
    private final List<Department> topLevel;
    private final Map<Long, Person> people;
    /** Everyone by name. */
    private final Person[] byName;
    /** Sorted lower-cased names and accounts; {@code keyOwner[i]} is the rank of {@code keys[i]}'s person. */
    private final String[] keys;
    private final int[] keyOwner;

    TenantDirectory(long tenantId, List<Rows.Department> departmentRows, List<Rows.User> userRows,
                    List<Rows.Membership> memberships) {
        this.tenantId = tenantId;
        Comparator<String> names = nameOrder();
        this.departments = new HashMap<>();
        List<Department> top = new ArrayList<>();
        for (Rows.Department d : departmentRows) { // by depth: a parent comes before its children
            Department parent = departments.get(d.parentId);
            List<String> pathNames = new ArrayList<>(parent == null ? List.of() : parent.pathNames);
            pathNames.add(d.name);
            Department dep = new Department(departments.size(), d.id, d.parentId, d.name, d.path, pathNames);
            departments.put(d.id, dep);
            (parent == null ? top : parent.children).add(dep);
        }
        Comparator<Department> depOrder = Comparator.<Department, String>comparing(d -> d.name, names)
                .thenComparingLong(d -> d.id);
        top.sort(depOrder);
        this.topLevel = List.copyOf(top);
        departments.values().forEach(d -> d.children.sort(depOrder));

        Map<Long, List<Department>> deptsOf = new HashMap<>();
        for (Rows.Membership m : memberships) {
            Department d = departments.get(m.departmentId);
            if (d != null) {
                deptsOf.computeIfAbsent(m.userId, k -> new ArrayList<>()).add(d);
            }
        }
        this.people = new HashMap<>(userRows.size() * 2);
        List<Person> all = new ArrayList<>(userRows.size());
        for (Rows.User u : userRows) {
            List<Department> ds = deptsOf.getOrDefault(u.id, List.of());
            boolean disabled = Boolean.TRUE.equals(u.disabled);
            UserCard card = new UserCard(u.id, tenantId, u.role != null && u.role == UserRow.ROLE_TENANT_ADMIN,
                    disabled, ds.stream().map(d -> d.path).toList());
            Person p = new Person(u.id, u.account, u.name, nullToEmpty(u.title), nullToEmpty(u.avatarUrl), disabled,
                    card, ds);
            people.put(p.id, p);
            all.add(p);
        }
        all.sort(Comparator.<Person, String>comparing(p -> p.name, names).thenComparingLong(p -> p.id));
        this.byName = all.toArray(Person[]::new);
        for (int i = 0; i < byName.length; i++) {
            byName[i].rank = i;
            if (!byName[i].disabled) {
                for (Department d : byName[i].departments) {
                    d.members.add(byName[i]); // in name order, as byName is
                }
            }
        }

        String[] k = new String[byName.length * 2];
        int[] owner = new int[k.length];
        Integer[] order = new Integer[k.length];
        for (int i = 0; i < byName.length; i++) {
            k[2 * i] = fold(byName[i].name);
            k[2 * i + 1] = fold(byName[i].account);
            owner[2 * i] = i;
            owner[2 * i + 1] = i;
        }
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> k[i]));
        this.keys = new String[k.length];
        this.keyOwner = new int[k.length];
        for (int i = 0; i < order.length; i++) {
            keys[i] = k[order[i]];
            keyOwner[i] = owner[order[i]];
        }
    }

    /** The case-folded form names, accounts and queries are compared in. */
    static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    Department department(long id) {
        return departments.get(id);
    }

    int departmentCount() {
        return departments.size();
    }

    List<Department> topLevel() {
        return topLevel;
    }

    Person person(long id) {
        return people.get(id);
    }

    int size() {
        return byName.length;
    }

    /**
     * The ranks of the people whose folded name or account starts with {@code foldedPrefix}, ascending
     * (name order), each once.
     */
    int[] prefixMatches(String foldedPrefix) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) { // first key >= prefix
            int mid = (lo + hi) >>> 1;
            if (keys[mid].compareTo(foldedPrefix) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int end = lo;
        while (end < keys.length && keys[end].startsWith(foldedPrefix)) {
            end++;
        }
        int[] ranks = new int[end - lo];
        for (int i = lo; i < end; i++) {
            ranks[i - lo] = keyOwner[i];
        }
        Arrays.sort(ranks);
        int n = 0;
        for (int i = 0; i < ranks.length; i++) {
            if (n == 0 || ranks[n - 1] != ranks[i]) {
                ranks[n++] = ranks[i];
            }
        }
        return Arrays.copyOf(ranks, n);
    }

    Person byRank(int rank) {
        return byName[rank];
    }

    /** Case-insensitive code-unit order: cheap enough to sort 100,000 names at load (a Collator is ~10x slower). */
    private static Comparator<String> nameOrder() {
        return Comparator.comparing(TenantDirectory::fold);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
