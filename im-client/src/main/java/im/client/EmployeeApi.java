package im.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an employee's client reads and changes besides messages (docs/api.md): the directory and
 * profiles, the own account, presence, and group info. Answers are typed; ids come back as longs.
 * Errors are {@link ImClientException}s with the protocol's code. Thread-safe (over one {@link HttpApi}).
 */
public final class EmployeeApi {
    /** A colleague as the directory shows it; each department is its path of names from the top. */
    public record Profile(long userId, String account, String name, String title, String avatarUrl,
                          List<List<String>> departments, boolean disabled) {
    }

    /** A department the caller may see, with the counts it may see. */
    public record Department(long id, long parentId, String name, int memberCount, int childCount) {
    }

    /** One page of profiles. */
    public record Page(long total, List<Profile> users) {
    }

    /** Whether a user is online, and on which platforms ({@code DESKTOP}, {@code MOBILE}, {@code WEB}). */
    public record Presence(long userId, boolean online, List<String> platforms) {
    }

    /** A group as a member sees it. */
    public record GroupInfo(long groupId, String name, long ownerId, String announcement, int memberCount,
                            String myRole, boolean muted) {
    }

    /** One page of the caller's groups. */
    public record GroupPage(long total, List<GroupInfo> groups) {
    }

    /** The fresh token a password change answers (every older token is revoked). */
    public record Token(String token, long userId, long tenantId, long expiresAt) {
    }

    private final HttpApi http;

    public EmployeeApi(HttpApi http) {
        this.http = http;
    }

    public Profile me(String token) throws IOException, InterruptedException {
        return profile(http.call("GET", "/me", token, null));
    }

    /** Profiles of up to 200 users; unknown and hidden ones are left out. */
    public List<Profile> profiles(String token, List<Long> userIds) throws IOException, InterruptedException {
        return profiles(http.call("GET", "/users?ids=" + joined(userIds), token, null).path("users"));
    }

    /** The sub-departments of {@code parentId} (0: the top level). */
    public List<Department> departments(String token, long parentId) throws IOException, InterruptedException {
        List<Department> out = new ArrayList<>();
        for (JsonNode d : http.call("GET", "/directory/departments?parentId=" + parentId, token, null)
                .path("departments")) {
            out.add(new Department(id(d, "id"), id(d, "parentId"), d.path("name").asText(), d.path("memberCount").asInt(),
                    d.path("childCount").asInt()));
        }
        return out;
    }

    public Page members(String token, long departmentId, int page, int size) throws IOException, InterruptedException {
        return page(http.call("GET", "/directory/departments/" + departmentId + "/members?page=" + page + "&size="
                + size, token, null));
    }

    /** Colleagues whose name or account starts with {@code query}. */
    public Page search(String token, String query, int page, int size) throws IOException, InterruptedException {
        return page(http.call("GET", "/directory/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&page=" + page + "&size=" + size, token, null));
    }

    public List<Presence> presence(String token, List<Long> userIds) throws IOException, InterruptedException {
        List<Presence> out = new ArrayList<>();
        for (JsonNode p : http.call("GET", "/presence?ids=" + joined(userIds), token, null).path("users")) {
            List<String> platforms = new ArrayList<>();
            p.path("platforms").forEach(x -> platforms.add(x.asText()));
            out.add(new Presence(id(p, "userId"), p.path("online").asBoolean(), platforms));
        }
        return out;
    }

    /** Changes the password; the answer's token replaces every older one (their sessions are closed). */
    public Token changePassword(String token, String oldPassword, String newPassword)
            throws IOException, InterruptedException {
        JsonNode t = http.call("PUT", "/me/password", token, Map.of("oldPassword", oldPassword,
                "newPassword", newPassword));
        return new Token(t.path("token").asText(), id(t, "userId"), id(t, "tenantId"), t.path("expiresAt").asLong());
    }

    /** Revokes {@code token}; the sessions opened with it are closed (KICKOUT reason 3). */
    public void logout(String token) throws IOException, InterruptedException {
        http.call("POST", "/auth/logout", token, null);
    }

    public GroupPage myGroups(String token, int page, int size) throws IOException, InterruptedException {
        JsonNode p = http.call("GET", "/groups?page=" + page + "&size=" + size, token, null);
        List<GroupInfo> groups = new ArrayList<>();
        p.path("groups").forEach(g -> groups.add(groupInfo(g)));
        return new GroupPage(p.path("total").asLong(), groups);
    }

    public GroupInfo groupInfo(String token, long groupId) throws IOException, InterruptedException {
        return groupInfo(http.call("GET", "/groups/" + groupId, token, null));
    }

    /** Renames and/or announces (owner or admin); a {@code null} leaves that field as it is. */
    public void updateGroup(String token, long groupId, String name, String announcement)
            throws IOException, InterruptedException {
        Map<String, Object> body = new HashMap<>();
        if (name != null) {
            body.put("name", name);
        }
        if (announcement != null) {
            body.put("announcement", announcement);
        }
        http.call("PATCH", "/groups/" + groupId, token, body);
    }

    /** Gives the group to another member (owner only). */
    public void transferOwnership(String token, long groupId, long newOwnerId) throws IOException, InterruptedException {
        http.call("PUT", "/groups/" + groupId + "/owner", token, Map.of("userId", Long.toString(newOwnerId)));
    }

    private static String joined(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static long id(JsonNode n, String field) {
        return Long.parseLong(n.path(field).asText("0"));
    }

    private static Page page(JsonNode p) {
        return new Page(p.path("total").asLong(), profiles(p.path("users")));
    }

    private static List<Profile> profiles(JsonNode array) {
        List<Profile> out = new ArrayList<>();
        array.forEach(u -> out.add(profile(u)));
        return out;
    }

    private static Profile profile(JsonNode u) {
        List<List<String>> departments = new ArrayList<>();
        for (JsonNode path : u.path("departments")) {
            List<String> names = new ArrayList<>();
            path.forEach(n -> names.add(n.asText()));
            departments.add(List.copyOf(names));
        }
        return new Profile(id(u, "userId"), u.path("account").asText(), u.path("name").asText(),
                u.path("title").asText(), u.path("avatarUrl").asText(), departments, u.path("disabled").asBoolean());
    }

    private static GroupInfo groupInfo(JsonNode g) {
        return new GroupInfo(id(g, "groupId"), g.path("name").asText(), id(g, "ownerId"),
                g.path("announcement").asText(), g.path("memberCount").asInt(), g.path("myRole").asText(),
                g.path("muted").asBoolean());
    }
}
