package im.api.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OrgDtoSerializationTest {

    static Stream<Object> dtos() {
        return Stream.of(
                new Caller(7L, 42L),
                new LoginResult("v1.abc.def", 42L, 7L, 1_700_000_000_000L),
                new TenantCreated(7L, 8L),
                new MemberSummary(42L, "li.lei", "李雷 🚀", false),
                new DepartmentNode(1L, "Engineering", List.of(
                        new DepartmentNode(2L, "研发", List.of(), List.of(new MemberSummary(43L, "a", "A", true)))),
                        List.of(new MemberSummary(42L, "b", "B", false))),
                new UserPatch("New name", List.of(1L, 2L), Boolean.TRUE),
                new UserPatch(null, null, null),
                new UserPage(100_000L, List.of(new MemberSummary(1L, "a", "A", false), new MemberSummary(2L, "b", "B", true))),
                new GroupMember(42L, "王芳 🌸", GroupRole.ADMIN, true),
                new UserProfile(42L, "wang.fang", "王芳", "Engineer", "https://cdn.example/a.png",
                        List.of(List.of("Engineering", "研发")), false),
                new DirectoryPage(1L, List.of(new UserProfile(1L, "a", "A", "", "", List.of(), true))),
                new DirectoryDepartment(5L, 0L, "研发", 12, 3),
                new GroupInfo(9L, "Team 团队", 42L, "Welcome\nline two", 3, GroupRole.OWNER, false),
                new GroupPage(1L, List.of(new GroupInfo(9L, "g", 42L, "", 1, GroupRole.MEMBER, true))),
                new GroupEvent(9L, 7L, 4L, GroupEventKind.OWNER_TRANSFERRED, 42L, List.of(5L), 1_700_000_000_000L),
                new GroupMembers(9L, 7L, 3L, List.of(1L, 2L, Long.MAX_VALUE)),
                new GroupEvent(9L, 7L, 3L, GroupEventKind.MEMBERS_ADDED, 42L, List.of(5L, 6L), 1_700_000_000_000L),
                new SendGrant(7L, 42L, AuthorizationService.CONV_GROUP, 9L, 3L, true));
    }

    @ParameterizedTest
    @MethodSource("dtos")
    void dto_shouldSurviveHessian2RoundTrip(Object dto) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Hessian2Output out = new Hessian2Output(bytes);
        out.writeObject(dto);
        out.flush();
        Object back = new Hessian2Input(new ByteArrayInputStream(bytes.toByteArray())).readObject();

        assertThat(back).isEqualTo(dto);
    }
}
