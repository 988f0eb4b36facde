package im.client.cli;

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
                cli.out().result(String.format("user %-20d %-7s%s", m.userId(), m.role(), m.muted() ? " muted" : ""),
                        Map.of("type", "member", "userId", Long.toString(m.userId()), "role", m.role(),
                                "muted", m.muted()));
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

    private int done(String what) {
        cli.out().result(what, Map.of("ok", true));
        return ExitCodes.OK;
    }
}
