package im.org;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.org.AuthorizationService;
import im.api.org.LoginResult;
import im.org.demo.AcmeDemo;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StackExtension.class)
class DemoDataIT {

    @Test
    void load_shouldCreateTheAcmeTenantOnce_withItsTreeEmployeesGroupsAndRestrictedFinance(Stack stack) throws Exception {
        try (OrgFixture org = new OrgFixture(stack)) {
            AcmeDemo demo = new AcmeDemo(org.tx, org.tenants, org.departments, org.users, org.visibility, org.groups);

            Map<String, String> first = demo.load();
            long[] afterFirst = counts(stack);
            Map<String, String> second = demo.load();

            assertThat(second).isEqualTo(first).hasSize(50);
            assertThat(counts(stack)).containsExactly(afterFirst);
            assertThat(afterFirst[0]).isEqualTo(1);      // one tenant acme
            assertThat(afterFirst[1]).isEqualTo(15);     // the demo tree's departments
            assertThat(afterFirst[2]).isGreaterThanOrEqualTo(51); // 50 employees and the admin (others may add)
            assertThat(afterFirst[3]).isEqualTo(3);      // the demo groups
            assertThat(afterFirst[4]).isEqualTo(3);      // levels of the demo tree
            LoginResult bob = org.auth.login(AcmeDemo.TENANT_CODE, "bob", AcmeDemo.EMPLOYEE_PASSWORD);
            LoginResult dave = org.auth.login(AcmeDemo.TENANT_CODE, "dave", AcmeDemo.EMPLOYEE_PASSWORD);
            long carol = userId(stack, "carol");
            assertThat(org.visibility.canSee(bob.userId(), carol)).isFalse();
            assertThat(org.visibility.canSee(dave.userId(), carol)).isTrue();
            assertThat(org.authorization.authorizeSend(dave.tenantId(), dave.userId(), AuthorizationService.CONV_SINGLE,
                    carol).targetId()).isEqualTo(carol);
        }
    }

    /** Tenants named acme, its demo departments, its users, its live demo groups, and the demo tree's depth. */
    private static long[] counts(Stack stack) throws Exception {
        String t = "(SELECT id FROM tenant WHERE code = 'acme')";
        String[] queries = {"SELECT COUNT(*) FROM tenant WHERE code = 'acme'",
                "SELECT COUNT(*) FROM department WHERE tenant_id = " + t + " AND name IN ('Engineering', 'Backend',"
                        + " 'Messaging', 'Platform', 'Frontend', 'QA', 'Sales', 'China', 'Shanghai', 'Beijing', 'Europe',"
                        + " 'Finance', 'Accounting', 'HR', 'Recruiting')",
                "SELECT COUNT(*) FROM org_user WHERE tenant_id = " + t,
                "SELECT COUNT(*) FROM im_group WHERE dismissed = 0 AND tenant_id = " + t
                        + " AND name IN ('Engineering', 'Sales Team', 'Lunch Club')",
                "SELECT MAX(depth) FROM department WHERE tenant_id = " + t + " AND name IN ('Messaging', 'Shanghai')"};
        long[] out = new long[queries.length];
        try (Connection c = stack.physical("org", 0).getConnection()) {
            for (int i = 0; i < queries.length; i++) {
                try (PreparedStatement p = c.prepareStatement(queries[i]); ResultSet rs = p.executeQuery()) {
                    rs.next();
                    out[i] = rs.getLong(1);
                }
            }
        }
        return out;
    }

    private static long userId(Stack stack, String account) throws Exception {
        try (Connection c = stack.physical("org", 0).getConnection();
             PreparedStatement p = c.prepareStatement("SELECT u.id FROM org_user u JOIN tenant t ON t.id = u.tenant_id"
                     + " WHERE t.code = 'acme' AND u.account = ?")) {
            p.setString(1, account);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
