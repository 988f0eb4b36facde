package im.org.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.ImException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminScopeTest {
    private static final AdminScope SALES_ADMIN = new AdminScope(1, 2, false, List.of("/10/"));

    @Test
    void covers_shouldIncludeTheSubtree_butNotAPrefixSibling() {
        assertThat(SALES_ADMIN.covers("/10/")).isTrue();
        assertThat(SALES_ADMIN.covers("/10/11/12/")).isTrue();
        assertThat(SALES_ADMIN.covers("/100/")).isFalse(); // "/10/" is not a prefix of "/100/"
        assertThat(SALES_ADMIN.covers("/20/10/")).isFalse();
    }

    @Test
    void coversBelow_shouldExcludeTheAdminsOwnDepartment() {
        assertThat(SALES_ADMIN.coversBelow("/10/")).isFalse();
        assertThat(SALES_ADMIN.coversBelow("/10/11/")).isTrue();
        assertThat(new AdminScope(1, 2, true, List.of()).coversBelow("/10/")).isTrue();
    }

    @Test
    void require_shouldAnswerForbidden_outsideTheScope() {
        assertThatThrownBy(() -> SALES_ADMIN.requireCovers("/20/"))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(SALES_ADMIN::requireTenantAdmin)
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }
}
