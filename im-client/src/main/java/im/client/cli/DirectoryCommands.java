package im.client.cli;

import im.client.EmployeeApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code im-cli dir ...}: the directory, presence and the own account (docs/api.md), over the HTTP API;
 * what the server shows is what the visibility rules let the user see.
 */
@Command(name = "dir", description = "Directory, presence and your account (HTTP API).")
final class DirectoryCommands {
    @ParentCommand
    ImCli cli;

    @Command(name = "me", description = "Your own profile.")
    int me() throws Exception {
        try (Session s = Session.login(cli)) {
            print(api(s).me(s.token()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "whois", description = "Profiles of users by id (up to 200).")
    int whois(@Parameters(arity = "1..200", paramLabel = "USER_ID", converter = IdConverter.class) List<Long> users)
            throws Exception {
        try (Session s = Session.login(cli)) {
            api(s).profiles(s.token(), users).forEach(this::print);
            return ExitCodes.OK;
        }
    }

    @Command(name = "search", description = "Colleagues whose name or account starts with QUERY.")
    int search(@Parameters(index = "0", paramLabel = "QUERY") String query,
               @Option(names = "--page", defaultValue = "1") int page,
               @Option(names = "--size", defaultValue = "20") int size) throws Exception {
        try (Session s = Session.login(cli)) {
            EmployeeApi.Page found = api(s).search(s.token(), query, page, size);
            cli.out().info(found.total() + " found");
            found.users().forEach(this::print);
            return ExitCodes.OK;
        }
    }

    @Command(name = "dept", description = "The sub-departments and members of a department (none: the top level).")
    int dept(@Parameters(index = "0", arity = "0..1", paramLabel = "DEPARTMENT_ID", converter = IdConverter.class)
             Long department,
             @Option(names = "--page", defaultValue = "1") int page,
             @Option(names = "--size", defaultValue = "20") int size) throws Exception {
        try (Session s = Session.login(cli)) {
            long id = department == null ? 0 : department;
            for (EmployeeApi.Department d : api(s).departments(s.token(), id)) {
                cli.out().result(String.format("dept %-20d %s (%d members, %d sub-departments)", d.id(), d.name(),
                        d.memberCount(), d.childCount()), Map.of("type", "department", "id", Long.toString(d.id()),
                        "name", d.name(), "memberCount", d.memberCount(), "childCount", d.childCount()));
            }
            if (id != 0) {
                api(s).members(s.token(), id, page, size).users().forEach(this::print);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "presence", description = "Which users are online, on which platforms.")
    int presence(@Parameters(arity = "1..200", paramLabel = "USER_ID", converter = IdConverter.class) List<Long> users)
            throws Exception {
        try (Session s = Session.login(cli)) {
            for (EmployeeApi.Presence p : api(s).presence(s.token(), users)) {
                cli.out().result(String.format("user %-20d %s", p.userId(), p.online()
                                ? "online " + String.join(",", p.platforms()) : "offline"),
                        Map.of("type", "presence", "userId", Long.toString(p.userId()), "online", p.online(),
                                "platforms", p.platforms()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "passwd", description = "Change your password (IM_NEW_PASSWORD or --new); every session "
            + "of yours is closed and a fresh token printed.")
    int passwd(@Option(names = "--new", description = "the new password (else IM_NEW_PASSWORD)") String newPassword)
            throws Exception {
        String fresh = newPassword != null ? newPassword : System.getenv("IM_NEW_PASSWORD");
        if (fresh == null || fresh.isEmpty()) {
            throw new IllegalArgumentException("give the new password with --new or IM_NEW_PASSWORD");
        }
        try (Session s = Session.login(cli)) {
            EmployeeApi.Token t = api(s).changePassword(s.token(), cli.password(), fresh);
            cli.out().result("password changed; new token: " + t.token(), Map.of("ok", true, "token", t.token(),
                    "expiresAt", t.expiresAt()));
            return ExitCodes.OK;
        }
    }

    private static EmployeeApi api(Session s) {
        return new EmployeeApi(s.api());
    }

    private void print(EmployeeApi.Profile p) {
        List<String> departments = p.departments().stream().map(path -> String.join("/", path)).toList();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "user");
        f.put("userId", Long.toString(p.userId()));
        f.put("account", p.account());
        f.put("name", p.name());
        f.put("title", p.title());
        f.put("departments", departments);
        f.put("disabled", p.disabled());
        cli.out().result(String.format("user %-20d %-16s %s%s%s", p.userId(), p.account(), p.name(),
                departments.isEmpty() ? "" : "  " + String.join("; ", departments), p.disabled() ? " (disabled)" : ""), f);
    }
}
