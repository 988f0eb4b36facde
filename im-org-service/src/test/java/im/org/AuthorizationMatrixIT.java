package im.org;

import static im.api.org.AuthorizationService.CONV_GROUP;
import static im.api.org.AuthorizationService.CONV_SINGLE;
import static im.org.Codes.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import im.api.ErrorCode;
import im.api.org.Caller;
import im.api.org.DirectoryDepartment;
import im.api.org.GroupInfo;
import im.api.org.GroupPage;
import im.api.org.GroupRole;
import im.api.org.LoginResult;
import im.api.org.SendGrant;
import im.api.org.UserPatch;
import im.api.org.UserProfile;
import im.infra.auth.AccessToken;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The authorization matrix against the real database and Redis: one tenant "acme" with Engineering
 * (with Backend below it), Sales and a Secret department visible only from Engineering, a second
 * tenant, a group with a muted member, a department admin of Sales.
 */
@ExtendWith(StackExtension.class)
class AuthorizationMatrixIT {
    private static OrgFixture org;
    private static Caller admin;
    private static Caller otherAdmin;
    private static long eng;
    private static long backend;
    private static long sales;
    private static long secret;
    private static Caller alice;   // Engineering/Backend
    private static Caller bob;     // Sales
    private static Caller carol;   // Secret
    private static Caller frank;   // Sales, not in the group
    private static Caller salesAdmin;
    private static Caller eve;     // the other tenant
    private static long group;     // alice (owner), bob, carol
    private static long otherGroup;

    @BeforeAll
    static void setUp(Stack stack) throws Exception {
        org = new OrgFixture(stack);
        admin = org.newTenant("matrix");
        otherAdmin = org.newTenant("other");
        eng = org.departments.create(admin, 0, "Engineering");
        backend = org.departments.create(admin, eng, "Backend");
        sales = org.departments.create(admin, 0, "Sales");
        secret = org.departments.create(admin, 0, "Secret");
        org.visibility.setVisibility(admin, secret, List.of(eng));
        alice = org.user(admin, "alice", backend);
        bob = org.user(admin, "bob", sales);
        carol = org.user(admin, "carol", secret);
        frank = org.user(admin, "frank", sales);
        salesAdmin = org.user(admin, "sales.admin", sales);
        org.departments.setAdmin(admin, sales, salesAdmin.userId(), true);
        eve = org.user(otherAdmin, "eve");
        group = org.groups.create(alice, "Project X", List.of(bob.userId(), carol.userId()));
        otherGroup = org.groups.create(eve, "Other tenant's group", List.of());
    }

    @AfterAll
    static void tearDown() {
        if (org != null) {
            org.close();
        }
    }

    private static ErrorCode send(Caller from, int convType, long to) throws Exception {
        return codeOf(() -> org.authorization.authorizeSend(from.tenantId(), from.userId(), convType, to));
    }

    @Test
    void authorizeSend_shouldGrant_whenPeerIsVisibleInTheSameTenant() throws Exception {
        SendGrant grant = org.authorization.authorizeSend(alice.tenantId(), alice.userId(), CONV_SINGLE, bob.userId());

        assertThat(grant.targetId()).isEqualTo(bob.userId());
        assertThat(grant.privileged()).isFalse();
        assertThat(send(admin, CONV_SINGLE, carol.userId())).isEqualTo(ErrorCode.OK); // tenant admins see all
    }

    @Test
    void authorizeSend_shouldForbid_whenPeerIsInAnotherTenant() throws Exception {
        assertThat(send(alice, CONV_SINGLE, eve.userId())).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(send(alice, CONV_GROUP, otherGroup)).isEqualTo(ErrorCode.FORBIDDEN);
        // a sender claiming another tenant than its own is no sender at all
        assertThat(codeOf(() -> org.authorization.authorizeSend(otherAdmin.tenantId(), alice.userId(), CONV_SINGLE,
                eve.userId()))).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void authorizeSend_shouldForbid_whenPeerIsInAHiddenDepartment() throws Exception {
        assertThat(send(bob, CONV_SINGLE, carol.userId())).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(send(alice, CONV_SINGLE, carol.userId())).isEqualTo(ErrorCode.OK); // Backend is under Engineering
        assertThat(send(carol, CONV_SINGLE, bob.userId())).isEqualTo(ErrorCode.OK);   // Sales has no rule
        assertThat(org.visibility.canSee(bob.userId(), carol.userId())).isFalse();
    }

    @Test
    void groupCreation_shouldForbid_whenAnInviteeIsHiddenFromTheInviter() throws Exception {
        assertThat(codeOf(() -> org.groups.create(bob, "nope", List.of(carol.userId())))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.groups.create(bob, "nope", List.of(eve.userId())))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.groups.create(bob, "nope", List.of(999_999_999L)))).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void authorizeSend_shouldForbid_whenSenderIsNotAMember() throws Exception {
        assertThat(send(frank, CONV_GROUP, group)).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(send(bob, CONV_GROUP, group)).isEqualTo(ErrorCode.OK);
        assertThat(codeOf(() -> org.groups.listMembers(frank, group))).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void authorizeSend_shouldAnswerMuted_whileAMemberIsMuted_andGrantAgainAfterUnmute() throws Exception {
        long g = org.groups.create(alice, "mute test", List.of(bob.userId(), frank.userId()));
        assertThat(send(frank, CONV_GROUP, g)).isEqualTo(ErrorCode.OK); // loads the group into the cache

        org.groups.setMuted(alice, g, frank.userId(), true);
        ErrorCode whileMuted = send(frank, CONV_GROUP, g);
        org.groups.setMuted(alice, g, frank.userId(), false);

        assertThat(whileMuted).isEqualTo(ErrorCode.MUTED);
        assertThat(send(frank, CONV_GROUP, g)).isEqualTo(ErrorCode.OK);
        assertThat(codeOf(() -> org.groups.setMuted(bob, g, frank.userId(), true))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.groups.setMuted(alice, g, alice.userId(), true))).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void authorizeSend_shouldAnswerNotFound_forUnknownTargetsAndDismissedGroups() throws Exception {
        long g = org.groups.create(alice, "short-lived", List.of(bob.userId()));
        assertThat(send(bob, CONV_GROUP, g)).isEqualTo(ErrorCode.OK);
        assertThat(codeOf(() -> org.groups.dismiss(bob, g))).isEqualTo(ErrorCode.FORBIDDEN);

        org.groups.dismiss(alice, g);

        assertThat(send(bob, CONV_GROUP, g)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(codeOf(() -> org.groups.members(g))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(send(bob, CONV_SINGLE, 999_999_999L)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(send(bob, CONV_GROUP, 999_999_999L)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(send(bob, 3, alice.userId())).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(send(bob, CONV_SINGLE, bob.userId())).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void disabledUser_shouldNeitherSendNorReceiveNorLogIn_andItsTokensDie() throws Exception {
        Caller dave = org.user(admin, "dave", sales);
        String code = org.tenantCode(admin);
        LoginResult login = org.auth.login(code, "dave", OrgFixture.PASSWORD);
        assertThat(org.auth.authenticate(login.token())).isEqualTo(dave);
        assertThat(send(dave, CONV_SINGLE, bob.userId())).isEqualTo(ErrorCode.OK);

        org.users.update(admin, dave.userId(), new UserPatch(null, null, true));

        assertThat(send(dave, CONV_SINGLE, bob.userId())).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(send(bob, CONV_SINGLE, dave.userId())).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.auth.authenticate(login.token()))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(org.revocations.isRevoked(org.tokens.verify(login.token(), System.currentTimeMillis()))).isTrue();
        assertThat(codeOf(() -> org.auth.login(code, "dave", OrgFixture.PASSWORD))).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void authenticate_shouldRefuse_expiredForgedAndLoggedOutTokens() throws Exception {
        LoginResult login = org.auth.login(org.tenantCode(admin), "alice", OrgFixture.PASSWORD);
        long now = System.currentTimeMillis();
        String expired = org.tokens.encode(new AccessToken(org.tokens.newTokenId(), alice.tenantId(), alice.userId(),
                now - 7_200_000L, now - 3_600_000L));
        String forged = login.token().substring(0, login.token().length() - 2)
                + (login.token().endsWith("AA") ? "BB" : "AA");
        String otherUser = login.token().replace(login.token().substring(3, 10), "AAAAAAA");

        assertThat(org.auth.authenticate(login.token())).isEqualTo(alice);
        assertThat(codeOf(() -> org.auth.authenticate(expired))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(codeOf(() -> org.auth.authenticate(forged))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(codeOf(() -> org.auth.authenticate(otherUser))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(codeOf(() -> org.auth.authenticate("garbage"))).isEqualTo(ErrorCode.UNAUTHENTICATED);

        org.auth.logout(login.token());

        assertThat(codeOf(() -> org.auth.authenticate(login.token()))).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void login_shouldLockTheAccount_afterFiveFailures_evenForTheRightPassword() throws Exception {
        Caller gina = org.user(admin, "gina", sales);
        String code = org.tenantCode(admin);
        for (int i = 0; i < 5; i++) {
            assertThat(codeOf(() -> org.auth.login(code, "gina", "wrong-password"))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        }

        assertThat(codeOf(() -> org.auth.login(code, "gina", OrgFixture.PASSWORD))).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(codeOf(() -> org.auth.login(code, "frank", OrgFixture.PASSWORD))).isEqualTo(ErrorCode.OK);
        assertThat(gina.userId()).isPositive();
    }

    @Test
    void login_shouldAcceptThePlatformAdmin_andRefuseUnknownAccountsAlike() throws Exception {
        LoginResult platform = org.auth.login("platform", OrgFixture.PLATFORM_ACCOUNT, OrgFixture.PLATFORM_PASSWORD);

        assertThat(org.auth.authenticate(platform.token())).isEqualTo(OrgFixture.platformAdmin());
        assertThat(codeOf(() -> org.auth.login("platform", OrgFixture.PLATFORM_ACCOUNT, "nope-nope")))
                .isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(codeOf(() -> org.auth.login("no-such-tenant", "alice", OrgFixture.PASSWORD)))
                .isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void departmentAdmin_shouldBeForbidden_outsideItsSubtree() throws Exception {
        assertThat(codeOf(() -> org.departments.create(salesAdmin, eng, "Intruders"))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.departments.create(salesAdmin, 0, "New root"))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.departments.rename(salesAdmin, sales, "Renamed"))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.users.create(salesAdmin, "x1", OrgFixture.PASSWORD, "X", List.of(eng))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.users.update(salesAdmin, alice.userId(), new UserPatch("Hacked", null, null))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.visibility.setVisibility(salesAdmin, eng, List.of()))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.departments.setAdmin(salesAdmin, sales, bob.userId(), true)))
                .isEqualTo(ErrorCode.FORBIDDEN);

        long emea = org.departments.create(salesAdmin, sales, "EMEA");
        long hire = org.users.create(salesAdmin, "sales.hire", OrgFixture.PASSWORD, "New hire", List.of(emea));
        org.users.update(salesAdmin, bob.userId(), new UserPatch("Bob B.", null, null));

        assertThat(org.departments.tree(salesAdmin)).singleElement().satisfies(top -> {
            assertThat(top.id()).isEqualTo(sales);
            assertThat(top.children()).extracting(n -> n.id()).containsExactly(emea);
            assertThat(top.children().get(0).members()).extracting(m -> m.userId()).containsExactly(hire);
        });
    }

    @Test
    void adminCalls_shouldBeForbidden_forPlainUsersAndTheWrongKindOfAdmin() throws Exception {
        assertThat(codeOf(() -> org.departments.create(bob, sales, "x"))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.departments.tree(bob))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.tenants.createTenant(admin, "evil-co", "Evil", "boss", OrgFixture.PASSWORD)))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.departments.create(OrgFixture.platformAdmin(), 0, "x"))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.users.update(otherAdmin, alice.userId(), new UserPatch("x", null, null))))
                .isEqualTo(ErrorCode.NOT_FOUND); // another tenant's user does not exist for this admin
        assertThat(codeOf(() -> org.departments.rename(otherAdmin, sales, "x"))).isEqualTo(ErrorCode.NOT_FOUND);
    }

    // ---------------------------------------------------------------- the directory (issue 17)

    private static List<Long> searchIds(Caller viewer, String q) throws Exception {
        return org.directory.search(viewer, q, 1, 100).users().stream().map(UserProfile::userId).toList();
    }

    @Test
    void directory_shouldHideAHiddenDepartmentsMember_fromEveryRouteAndEverySearchTerm() throws Exception {
        String carolName = "carol name";
        for (int i = 1; i <= carolName.length(); i++) {
            String prefix = carolName.substring(0, i);
            if (!prefix.isBlank()) {
                assertThat(searchIds(bob, prefix)).as("bob searching '%s'", prefix).doesNotContain(carol.userId());
            }
        }
        assertThat(searchIds(bob, "CAROL")).doesNotContain(carol.userId());
        assertThat(org.directory.search(bob, "carol", 1, 100).total()).isZero(); // not even counted
        assertThat(org.directory.profiles(bob, List.of(carol.userId(), alice.userId())))
                .extracting(UserProfile::userId).containsExactly(alice.userId());
        assertThat(org.directory.departments(bob, 0)).extracting(DirectoryDepartment::departmentId)
                .contains(eng, sales).doesNotContain(secret);
        assertThat(codeOf(() -> org.directory.members(bob, secret, 1, 20))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(codeOf(() -> org.directory.departments(bob, secret))).isEqualTo(ErrorCode.NOT_FOUND);
        // the send check agrees: whom bob cannot find he cannot message
        assertThat(send(bob, CONV_SINGLE, carol.userId())).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void directory_shouldShowTheHiddenDepartment_toThoseItsRuleAllows_andToTenantAdmins() throws Exception {
        assertThat(searchIds(alice, "car")).containsExactly(carol.userId());
        assertThat(searchIds(admin, "car")).containsExactly(carol.userId());
        assertThat(org.directory.members(alice, secret, 1, 20).users()).extracting(UserProfile::userId)
                .containsExactly(carol.userId());
        assertThat(org.directory.departments(alice, 0)).extracting(DirectoryDepartment::departmentId).contains(secret);
        UserProfile p = org.directory.profiles(alice, List.of(carol.userId())).get(0);
        assertThat(p.departments()).containsExactly(List.of("Secret"));
        assertThat(org.directory.me(carol).departments()).containsExactly(List.of("Secret"));
        assertThat(send(alice, CONV_SINGLE, carol.userId())).isEqualTo(ErrorCode.OK);
    }

    @Test
    void directory_shouldCountOnlyWhatTheViewerSees_andNestDepartments() throws Exception {
        DirectoryDepartment engineering = org.directory.departments(bob, 0).stream()
                .filter(d -> d.departmentId() == eng).findFirst().orElseThrow();
        assertThat(engineering.childCount()).isEqualTo(1);
        assertThat(org.directory.departments(bob, eng)).extracting(DirectoryDepartment::name).containsExactly("Backend");
        assertThat(org.directory.members(bob, backend, 1, 20).users()).extracting(UserProfile::userId)
                .contains(alice.userId());
        assertThat(org.directory.profiles(bob, List.of(alice.userId())).get(0).departments())
                .containsExactly(List.of("Engineering", "Backend"));
    }

    @Test
    void profiles_shouldRefuseIdsOfAnotherTenant_andLeaveUnknownIdsOut() throws Exception {
        assertThat(codeOf(() -> org.directory.profiles(bob, List.of(alice.userId(), eve.userId()))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(org.directory.profiles(bob, List.of(999_999_999L, alice.userId())))
                .extracting(UserProfile::userId).containsExactly(alice.userId());
        List<Long> tooMany = java.util.stream.LongStream.rangeClosed(1, 201).boxed().toList();
        assertThat(codeOf(() -> org.directory.profiles(bob, tooMany))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> org.directory.profiles(bob, List.of()))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> org.directory.profiles(OrgFixture.platformAdmin(), List.of(bob.userId()))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.directory.search(bob, " ", 1, 20))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> org.directory.search(bob, "a", 0, 20))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> org.directory.search(bob, "a", 1, 101))).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void directory_shouldSeeANewColleague_andARename_atOnce() throws Exception {
        assertThat(searchIds(bob, "张")).isEmpty(); // loads the snapshot before the change
        long zhang = org.users.create(admin, "zhang.san", OrgFixture.PASSWORD, "张三", List.of(sales));

        assertThat(searchIds(bob, "张")).containsExactly(zhang);
        assertThat(searchIds(bob, "zhang.")).containsExactly(zhang);

        org.users.update(admin, zhang, new UserPatch("张伟", null, null));
        assertThat(org.directory.search(bob, "张伟", 1, 20).users()).extracting(UserProfile::name).containsExactly("张伟");

        org.users.update(admin, zhang, new UserPatch(null, null, true));
        assertThat(searchIds(bob, "张")).isEmpty(); // disabled: gone from search
        assertThat(org.directory.profiles(bob, List.of(zhang)).get(0).disabled()).isTrue(); // but still named
    }

    // ---------------------------------------------------------------- password change (issue 17)

    @Test
    void changePassword_shouldCheckTheOldOneAndTheStrength_thenRevokeEveryOldToken() throws Exception {
        Caller hank = org.user(admin, "hank", sales);
        String code = org.tenantCode(admin);
        LoginResult phone = org.auth.login(code, "hank", OrgFixture.PASSWORD);
        LoginResult desktop = org.auth.login(code, "hank", OrgFixture.PASSWORD);

        assertThat(codeOf(() -> org.auth.changePassword(phone.token(), "wrong-old-1", "Brand-new-pass-2")))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.auth.changePassword(phone.token(), OrgFixture.PASSWORD, "alllowercase")))
                .isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> org.auth.changePassword(phone.token(), OrgFixture.PASSWORD, "Ab1")))
                .isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> org.auth.changePassword(phone.token(), OrgFixture.PASSWORD, "My-hank-Pass-1")))
                .isEqualTo(ErrorCode.BAD_REQUEST); // contains the account
        assertThat(org.auth.authenticate(desktop.token())).isEqualTo(hank); // nothing changed so far

        LoginResult fresh = org.auth.changePassword(phone.token(), OrgFixture.PASSWORD, "Brand-new-pass-2");

        assertThat(org.auth.authenticate(fresh.token())).isEqualTo(hank);
        assertThat(codeOf(() -> org.auth.authenticate(phone.token()))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(codeOf(() -> org.auth.authenticate(desktop.token()))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(codeOf(() -> org.auth.login(code, "hank", OrgFixture.PASSWORD))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(org.auth.login(code, "hank", "Brand-new-pass-2").userId()).isEqualTo(hank.userId());
    }

    // ---------------------------------------------------------------- group info (issue 17)

    @Test
    void groupInfo_shouldBeChangedByOwnerAndAdmins_only_andOwnershipMove() throws Exception {
        long g = org.groups.create(alice, "Info test", List.of(bob.userId(), frank.userId()));

        assertThat(codeOf(() -> org.groups.updateInfo(bob, g, "Hijacked", null))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.groups.info(salesAdmin, g))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.groups.info(eve, g))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.groups.updateInfo(alice, g, null, null))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> org.groups.updateInfo(alice, g, " ", null))).isEqualTo(ErrorCode.BAD_REQUEST);
        org.groups.updateInfo(alice, g, "信息 Team", "Stand-up at 10\nin room 4");
        org.groups.setAdmin(alice, g, bob.userId(), true);
        org.groups.updateInfo(bob, g, null, "Moved to 11");

        GroupInfo info = org.groups.info(frank, g);
        assertThat(info.name()).isEqualTo("信息 Team");
        assertThat(info.announcement()).isEqualTo("Moved to 11");
        assertThat(info.ownerId()).isEqualTo(alice.userId());
        assertThat(info.memberCount()).isEqualTo(3);
        assertThat(info.myRole()).isEqualTo(GroupRole.MEMBER);

        assertThat(codeOf(() -> org.groups.transferOwnership(bob, g, frank.userId()))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> org.groups.transferOwnership(alice, g, carol.userId()))).isEqualTo(ErrorCode.NOT_FOUND);
        org.groups.transferOwnership(alice, g, frank.userId());

        assertThat(org.groups.info(alice, g).myRole()).isEqualTo(GroupRole.ADMIN);
        assertThat(org.groups.info(frank, g).ownerId()).isEqualTo(frank.userId());
        assertThat(codeOf(() -> org.groups.dismiss(alice, g))).isEqualTo(ErrorCode.FORBIDDEN);
        GroupPage mine = org.groups.myGroups(frank, 1, 100);
        assertThat(mine.groups()).filteredOn(x -> x.groupId() == g).singleElement()
                .satisfies(x -> assertThat(x.myRole()).isEqualTo(GroupRole.OWNER));
        assertThat(org.groups.listMembers(frank, g)).extracting(m -> m.name())
                .containsExactlyInAnyOrder("alice name", "bob name", "frank name");
        org.groups.dismiss(frank, g);
        assertThat(org.groups.myGroups(frank, 1, 100).groups()).noneMatch(x -> x.groupId() == g);
    }
}
