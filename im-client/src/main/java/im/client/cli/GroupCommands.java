package im.client.cli;

import im.client.EmployeeApi;
import im.client.HttpApi;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code im-cli group ...}: the group routes of the HTTP API (roles are checked by the server). */
@Command(name = "group", description = "Create and manage groups (HTTP API).", subcommandsRepeatable = false)
final class GroupCommands {
    @ParentCommand
    ImCli cli;

    @Command(name = "create", description = "Create a group; you are its owner.")
    int create(@Option(names = "--name", required = true, description = "the group's name") String name,
               @Option(names = "--members", split = ",", converter = IdConverter.class, paramLabel = "USER_ID",
                       description = "the other members, comma-separated user ids") List<Long> members)
            throws Exception {
        if (name.isBlank()) {
            throw new IllegalArgumentException("--name must not be blank");
        }
        try (Session s = Session.login(cli)) {
            long id = s.api().createGroup(s.token(), name, members == null ? List.of() : members);
            cli.out().result("created group " + id, Map.of("ok", true, "groupId", Long.toString(id)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "add", description = "Add members (owner or admin).")
    int add(@Parameters(index = "0", paramLabel = "GROUP_ID", converter = IdConverter.class) long group,
            @Parameters(index = "1..*", arity = "1..*", paramLabel = "USER_ID", converter = IdConverter.class)
            List<Long> users) throws Exception {
        try (Session s = Session.login(cli)) {
            s.api().addMembers(s.token(), group, users);
            return done("added " + users + " to group " + group);
        }
    }

    @Command(name = "remove", description = "Remove a member (owner or admin), or yourself.")
    int remove(@Parameters(index = "0", paramLabel = "GROUP_ID", converter = IdConverter.class) long group,
               @Parameters(index = "1", paramLabel = "USER_ID", converter = IdConverter.class) long user)
            throws Exception {
        try (Session s = Session.login(cli)) {
            s.api().removeMember(s.token(), group, user);
            return done("removed user " + user + " from group " + group);
        }
    }

    @Command(name = "leave", description = "Leave a group.")
    int leave(@Parameters(index = "0", paramLabel = "GROUP_ID", converter = IdConverter.class) long group)
            throws Exception {
        try (Session s = Session.login(cli)) {
            s.api().removeMember(s.token(), group, s.userId());
            return done("left group " + group);
        }
    }

    @Command(name = "members", description = "List the members with their role and mute state.")
    int members(@Parameters(index = "0", paramLabel = "GROUP_ID", converter = IdConverter.class) long group)
            throws Exception {
        try (Session s = Session.login(cli)) {
            for (HttpApi.GroupMember m : s.api().members(s.token(), group)) {
                cli.out().result(String.format("user %-20d %-7s %s%s", m.userId(), m.role(), m.name(),
                                m.muted() ? " muted" : ""),
                        Map.of("type", "member", "userId", Long.toString(m.userId()), "name", m.name(),
                                "role", m.role(), "muted", m.muted()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "mute", description = "Mute a member (owner or admin); --off unmutes.")
    int mute(@Parameters(index = "0", paramLabel = "GROUP_ID", converter = IdConverter.class) long group,
             @Parameters(index = "1", paramLabel = "USER_ID", converter = IdConverter.class) long user,
             @Option(names = "--off", description = "unmute") boolean off) throws Exception {
        try (Session s = Session.login(cli)) {
            s.api().mute(s.token(), group, user, !off);
            return done((off ? "unmuted" : "muted") + " user " + user + " in group " + group);
        }
    }

    @Command(name = "admin", description = "Make a member an admin (owner only); --off revokes.")
    int admin(@Parameters(index = "0", paramLabel = "GROUP_ID", converter = IdConverter.class) long group,
              @Parameters(index = "1", paramLabel = "USER_ID", converter = IdConverter.class) long user,
              @Option(names = "--off", description = "revoke") boolean off) throws Exception {
        try (Session s = Session.login(cli)) {
            s.api().setAdmin(s.token(), group, user, !off);
            return done((off ? "revoked admin of" : "made admin") + " user " + user + " in group " + group);
        }
    }

    @Command(name = "dismiss", description = "Dismiss a group (owner only).")
    int dismiss(@Parameters(index = "0", paramLabel = "GROUP_ID", converter = IdConverter.class) long group)
            throws Exception {
        try (Session s = Session.login(cli)) {
            s.api().dismiss(s.token(), group);
            return done("dismissed group " + group);
        }
    }

    @Command(name = "list", description = "Your groups, newest first.")
    int list(@Option(names = "--page", defaultValue = "1") int page,
             @Option(names = "--size", defaultValue = "20") int size) throws Exception {
        try (Session s = Session.login(cli)) {
            EmployeeApi.GroupPage groups = new EmployeeApi(s.api()).myGroups(s.token(), page, size);
            for (EmployeeApi.GroupInfo g : groups.groups()) {
                print(g);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "info", description = "A group's name, owner, announcement and member count.")
    int info(@Parameters(index = "0", paramLabel = "GROUP_ID", converter = IdConverter.class) long group)
            throws Exception {
        try (Session s = Session.login(cli)) {
            EmployeeApi.GroupInfo g = new EmployeeApi(s.api()).groupInfo(s.token(), group);
            print(g);
            if (!g.announcement().isEmpty()) {
                cli.out().info("announcement: " + g.announcement());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "rename", description = "Rename a group (owner or admin).")
    int rename(@Parameters(index = "0", paramLabel = "GROUP_ID", converter = IdConverter.class) long group,
               @Parameters(index = "1", paramLabel = "NAME") String name) throws Exception {
        try (Session s = Session.login(cli)) {
            new EmployeeApi(s.api()).updateGroup(s.token(), group, name, null);
            return done("renamed group " + group);
        }
    }

    @Command(name = "announce", description = "Set a group's announcement (owner or admin); \"\" clears it.")
    int announce(@Parameters(index = "0", paramLabel = "GROUP_ID", converter = IdConverter.class) long group,
                 @Parameters(index = "1", paramLabel = "TEXT") String text) throws Exception {
        try (Session s = Session.login(cli)) {
            new EmployeeApi(s.api()).updateGroup(s.token(), group, null, text);
            return done("set the announcement of group " + group);
        }
    }

    @Command(name = "transfer", description = "Give a group to another member (owner only); you become an admin.")
    int transfer(@Parameters(index = "0", paramLabel = "GROUP_ID", converter = IdConverter.class) long group,
                 @Parameters(index = "1", paramLabel = "USER_ID", converter = IdConverter.class) long user)
            throws Exception {
        try (Session s = Session.login(cli)) {
            new EmployeeApi(s.api()).transferOwnership(s.token(), group, user);
            return done("gave group " + group + " to user " + user);
        }
    }

    private void print(EmployeeApi.GroupInfo g) {
        cli.out().result(String.format("group %-20d %s (%d members, you: %s%s)", g.groupId(), g.name(),
                g.memberCount(), g.myRole(), g.muted() ? ", muted" : ""), Map.of("type", "group",
                "groupId", Long.toString(g.groupId()), "name", g.name(), "ownerId", Long.toString(g.ownerId()),
                "announcement", g.announcement(), "memberCount", g.memberCount(), "myRole", g.myRole(),
                "muted", g.muted()));
    }

    private int done(String what) {
        cli.out().result(what, Map.of("ok", true));
        return ExitCodes.OK;
    }
}
