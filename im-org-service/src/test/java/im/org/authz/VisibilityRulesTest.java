package im.org.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VisibilityRulesTest {
    // Tree: 1 Engineering > 2 Backend > 3 Messaging; 4 Finance (restricted: from 6 HR) > 5 Payroll; 6 HR; 7 Sales.
    private static final TenantRules RULES = new TenantRules(9, Map.of(4L, List.of("/4/", "/6/")));

    private static UserCard user(long id, String... paths) {
        return new UserCard(id, 9, false, false, List.of(paths));
    }

    @Test
    void canSee_shouldFollowTheNearestRestrictedAncestor_ofTheTarget() {
        UserCard payroll = user(1, "/4/5/");

        assertThat(VisibilityRules.canSee(user(2, "/7/"), payroll, RULES)).isFalse();
        assertThat(VisibilityRules.canSee(user(3, "/6/"), payroll, RULES)).isTrue();
        assertThat(VisibilityRules.canSee(user(4, "/4/"), payroll, RULES)).isTrue(); // within the restricted subtree
        assertThat(VisibilityRules.canSee(payroll, user(2, "/7/"), RULES)).isTrue(); // Sales is unrestricted
    }

    @Test
    void canSee_shouldAdmitEveryone_forTargetsWithoutDepartmentsOrWithOneOpenDepartment() {
        assertThat(VisibilityRules.canSee(user(2, "/7/"), user(1), RULES)).isTrue();
        assertThat(VisibilityRules.canSee(user(2, "/7/"), user(1, "/4/5/", "/1/2/"), RULES)).isTrue();
        assertThat(VisibilityRules.canSee(user(2), user(1, "/4/"), RULES)).isFalse();
    }

    @Test
    void canSee_shouldAdmitTenantAdminsAndOneself() {
        UserCard admin = new UserCard(8, 9, true, false, List.of());

        assertThat(VisibilityRules.canSee(admin, user(1, "/4/5/"), RULES)).isTrue();
        assertThat(VisibilityRules.canSee(user(1, "/4/5/"), user(1, "/4/5/"), RULES)).isTrue();
    }

    @Test
    void ruleFor_shouldParseMultiDigitIds_fromDeepestToRoot() {
        TenantRules rules = new TenantRules(9, Map.of(123L, List.of("/123/"), 4567L, List.of("/99/")));

        assertThat(rules.ruleFor("/123/4567/89/")).containsExactly("/99/");
        assertThat(rules.ruleFor("/123/89/")).containsExactly("/123/");
        assertThat(rules.ruleFor("/12/3/")).isNull();
    }
}
