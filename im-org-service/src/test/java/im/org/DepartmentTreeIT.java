package im.org;

import static im.org.Codes.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import im.api.ErrorCode;
import im.api.org.Caller;
import im.api.org.DepartmentNode;
import im.api.org.UserPatch;
import im.org.department.DepartmentMapper;
import im.org.department.DepartmentRow;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StackExtension.class)
class DepartmentTreeIT {
    private static OrgFixture org;

    @BeforeAll
    static void setUp(Stack stack) throws Exception {
        org = new OrgFixture(stack);
    }

    @AfterAll
    static void tearDown() {
        if (org != null) {
            org.close();
        }
    }

    private static DepartmentRow row(long id) throws Exception {
        return org.tx.read("row", s -> s.getMapper(DepartmentMapper.class).selectById(id));
    }

    @Test
    void tree_shouldNestFifteenLevels_andMoveTheWholeChainUnderAnotherRoot() throws Exception {
        Caller admin = org.newTenant("deep");
        List<Long> chain = new ArrayList<>();
        long parent = 0;
        for (int level = 1; level <= 15; level++) {
            parent = org.departments.create(admin, parent, "L" + level);
            chain.add(parent);
        }
        long other = org.departments.create(admin, 0, "Other root");
        Caller deepest = org.user(admin, "deepest", chain.get(14));

        DepartmentNode node = org.departments.tree(admin).stream().filter(n -> n.id() == chain.get(0)).findFirst()
                .orElseThrow();
        int depth = 1;
        while (!node.children().isEmpty()) {
            node = node.children().get(0);
            depth++;
        }
        assertThat(depth).isEqualTo(15);
        assertThat(node.members()).extracting(m -> m.userId()).containsExactly(deepest.userId());

        org.departments.move(admin, chain.get(4), other); // L5..L15 go under "Other root"

        assertThat(row(chain.get(14)).depth).isEqualTo(12);
        assertThat(row(chain.get(14)).path).startsWith("/" + other + "/" + chain.get(4) + "/");
        assertThat(row(chain.get(3)).path).isEqualTo(row(chain.get(2)).path + chain.get(3) + "/");
        String otherPath = row(other).path;
        List<DepartmentRow> subtree = org.tx.read("subtree", s -> s.getMapper(DepartmentMapper.class)
                .subtree(admin.tenantId(), otherPath));
        assertThat(subtree).hasSize(12);
    }

    @Test
    void move_shouldBeRefused_intoItsOwnSubtree_orOntoASiblingsName() throws Exception {
        Caller admin = org.newTenant("move");
        long a = org.departments.create(admin, 0, "A");
        long b = org.departments.create(admin, a, "B");
        long c = org.departments.create(admin, b, "C");
        org.departments.create(admin, 0, "C");

        assertThat(codeOf(() -> org.departments.move(admin, a, c))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> org.departments.move(admin, a, a))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> org.departments.move(admin, c, 0))).isEqualTo(ErrorCode.BAD_REQUEST); // name taken
        assertThat(codeOf(() -> org.departments.move(admin, c, 987_654_321L))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(row(c).path).isEqualTo("/" + a + "/" + b + "/" + c + "/");
    }

    @Test
    void delete_shouldBeRefused_whileTheDepartmentHasChildrenOrMembers() throws Exception {
        Caller admin = org.newTenant("delete");
        long parent = org.departments.create(admin, 0, "Parent");
        long child = org.departments.create(admin, parent, "Child");
        Caller member = org.user(admin, "member", child);

        assertThat(codeOf(() -> org.departments.delete(admin, parent))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> org.departments.delete(admin, child))).isEqualTo(ErrorCode.BAD_REQUEST);

        org.users.update(admin, member.userId(), new UserPatch(null, List.of(), null));
        org.departments.delete(admin, child);
        org.departments.delete(admin, parent);

        assertThat(row(child)).isNull();
        assertThat(row(parent)).isNull();
        assertThat(codeOf(() -> org.departments.delete(admin, parent))).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void rename_shouldChangeTheName_andKeepCjkAndEmojiIntact() throws Exception {
        Caller admin = org.newTenant("rename");
        long d = org.departments.create(admin, 0, "Old");

        org.departments.rename(admin, d, "研发中心 🚀");

        assertThat(row(d).name).isEqualTo("研发中心 🚀");
        assertThat(codeOf(() -> org.departments.rename(admin, d, " "))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> org.departments.rename(admin, d, "x".repeat(65)))).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void visibilityRule_shouldFollowItsDepartment_whenTheDepartmentMoves() throws Exception {
        Caller admin = org.newTenant("vismove");
        long hr = org.departments.create(admin, 0, "HR");
        long payroll = org.departments.create(admin, hr, "Payroll");
        long ops = org.departments.create(admin, 0, "Ops");
        long opsTeam = org.departments.create(admin, ops, "Team");
        org.visibility.setVisibility(admin, hr, List.of(hr)); // HR (and Payroll below it) only see each other
        Caller payClerk = org.user(admin, "pay.clerk", payroll);
        Caller operator = org.user(admin, "operator", opsTeam);
        assertThat(org.visibility.canSee(operator.userId(), payClerk.userId())).isFalse();

        org.departments.move(admin, payroll, ops); // Payroll leaves HR: no rule applies to it any more

        assertThat(org.visibility.canSee(operator.userId(), payClerk.userId())).isTrue();
        org.visibility.setVisibility(admin, ops, List.of());
        assertThat(org.visibility.canSee(operator.userId(), payClerk.userId())).isTrue(); // same subtree
        org.visibility.setVisibility(admin, ops, null);
        assertThat(org.visibility.canSee(payClerk.userId(), operator.userId())).isTrue();
    }
}
