package im.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The authenticated routes of PROTOCOL.md's HTTP API that clients use besides the login (see
 * {@link LoginClient}): groups, and the few admin routes a load generator needs to set up its own
 * tenant, and the wallet and red packets. Ids go out as strings (the API accepts strings or numbers) and come back as strings.
 * Thread-safe; one instance per HTTP base URL.
 */
public final class HttpApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final Duration timeout;

    /** @param baseUrl e.g. {@code http://127.0.0.1:8080/api/v1}; see {@link #baseUrl(String)} */
    public HttpApi(String baseUrl, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.base = baseUrl.replaceAll("/+$", "");
        this.timeout = timeout;
    }

    /**
     * The API base for a server address as a user types it: {@code http://host:8080} gets the
     * protocol's {@code /api/v1}; an address with a path is taken as it is.
     *
     * @throws IllegalArgumentException naming what is wrong with the address
     */
    public static String baseUrl(String server) {
        URI uri;
        try {
            uri = URI.create(server.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: '" + server + "'");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the server must be an http:// or https:// URL, e.g. "
                    + "http://127.0.0.1:8080: '" + server + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in the server URL '" + server + "'");
        }
        String s = server.trim().replaceAll("/+$", "");
        return uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath()) ? s + "/api/v1" : s;
    }

    /** A group member as {@code GET /groups/{id}/members} lists it, with its display name. */
    public record GroupMember(long userId, String name, String role, boolean muted) {
    }

    /** What {@code POST /admin/tenants} answers. */
    public record Tenant(long tenantId, long adminUserId) {
    }

    public long createGroup(String token, String name, List<Long> memberIds) throws IOException, InterruptedException {
        return id(call("POST", "/groups", token, Map.of("name", name, "memberIds", strings(memberIds))), "groupId");
    }

    public void addMembers(String token, long groupId, List<Long> userIds) throws IOException, InterruptedException {
        call("POST", "/groups/" + groupId + "/members", token, Map.of("userIds", strings(userIds)));
    }

    public void removeMember(String token, long groupId, long userId) throws IOException, InterruptedException {
        call("DELETE", "/groups/" + groupId + "/members/" + userId, token, null);
    }

    public List<GroupMember> members(String token, long groupId) throws IOException, InterruptedException {
        List<GroupMember> out = new ArrayList<>();
        for (JsonNode m : call("GET", "/groups/" + groupId + "/members", token, null)) {
            out.add(new GroupMember(Long.parseLong(m.path("userId").asText()), m.path("name").asText(),
                    m.path("role").asText(),
                    m.path("muted").asBoolean()));
        }
        return out;
    }

    public void mute(String token, long groupId, long userId, boolean muted) throws IOException, InterruptedException {
        call("PUT", "/groups/" + groupId + "/mute/" + userId, token, Map.of("muted", muted));
    }

    public void setAdmin(String token, long groupId, long userId, boolean admin)
            throws IOException, InterruptedException {
        call("PUT", "/groups/" + groupId + "/admins/" + userId, token, Map.of("admin", admin));
    }

    public void dismiss(String token, long groupId) throws IOException, InterruptedException {
        call("DELETE", "/groups/" + groupId, token, null);
    }

    /** Platform admin only. */
    public Tenant createTenant(String platformToken, String code, String name, String adminAccount,
                               String adminPassword) throws IOException, InterruptedException {
        JsonNode t = call("POST", "/admin/tenants", platformToken, Map.of("code", code, "name", name,
                "adminAccount", adminAccount, "adminPassword", adminPassword));
        return new Tenant(id(t, "tenantId"), id(t, "adminUserId"));
    }

    /** Tenant admin only; a user in no department. */
    public long createUser(String adminToken, String account, String password, String name)
            throws IOException, InterruptedException {
        return id(call("POST", "/admin/users", adminToken, Map.of("account", account, "password", password,
                "name", name, "departmentIds", List.of())), "id");
    }

    /** What {@code POST /redpackets} answers; {@code msgId} 0 when the chat message was not posted yet. */
    public record RedPacketSent(long redPacketId, long msgId) {
    }

    /** One grab of a red packet. */
    public record Grab(long userId, long amount, long time) {
    }

    /** {@code GET /redpackets/{id}}; amounts in cents. */
    public record RedPacket(long redPacketId, long senderId, String convType, long convId, String kind, String greeting,
                            long totalAmount, int count, long remainingAmount, int remainingCount, long expiresAt,
                            String status, long refundedAmount, List<Grab> grabs) {
    }

    /** The caller's balance in cents. */
    public long balance(String token) throws IOException, InterruptedException {
        return call("GET", "/wallet", token, null).path("balance").asLong();
    }

    /** Tenant admin only; the user's balance afterwards. {@code topUpId} (may be null) makes a repeat a no-op. */
    public long topUp(String adminToken, long userId, long amount, String topUpId)
            throws IOException, InterruptedException {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("userId", String.valueOf(userId), "amount", amount));
        if (topUpId != null) {
            body.put("topUpId", topUpId);
        }
        return call("POST", "/admin/wallet/topup", adminToken, body).path("balance").asLong();
    }

    /**
     * @param convType {@code "SINGLE"} or {@code "GROUP"}
     * @param kind     {@code "RANDOM"} or {@code "FIXED"}
     */
    public RedPacketSent sendRedPacket(String token, String convType, long convId, long totalAmount, int count,
                                       String kind, String greeting) throws IOException, InterruptedException {
        JsonNode r = call("POST", "/redpackets", token, Map.of("convType", convType, "convId", String.valueOf(convId),
                "totalAmount", totalAmount, "count", count, "kind", kind, "greeting", greeting));
        return new RedPacketSent(id(r, "redPacketId"), r.path("msgId").isTextual() ? id(r, "msgId") : 0);
    }

    /** The amount grabbed, in cents. */
    public long grab(String token, long redPacketId) throws IOException, InterruptedException {
        return call("POST", "/redpackets/" + redPacketId + "/grab", token, null).path("amount").asLong();
    }

    public RedPacket redPacket(String token, long redPacketId) throws IOException, InterruptedException {
        JsonNode r = call("GET", "/redpackets/" + redPacketId, token, null);
        List<Grab> grabs = new ArrayList<>();
        for (JsonNode g : r.path("grabs")) {
            grabs.add(new Grab(id(g, "userId"), g.path("amount").asLong(), g.path("time").asLong()));
        }
        return new RedPacket(id(r, "redPacketId"), id(r, "senderId"), r.path("convType").asText(), id(r, "convId"),
                r.path("kind").asText(), r.path("greeting").asText(), r.path("totalAmount").asLong(),
                r.path("count").asInt(), r.path("remainingAmount").asLong(), r.path("remainingCount").asInt(),
                r.path("expiresAt").asLong(), r.path("status").asText(), r.path("refundedAmount").asLong(), grabs);
    }

    /** Tenant or platform admin: every difference reconciliation found (empty when the books agree). */
    public List<String> reconcile(String adminToken) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (JsonNode d : call("GET", "/admin/redpackets/reconcile", adminToken, null).path("differences")) {
            out.add(d.asText());
        }
        return out;
    }

    /**
     * One call; the JSON answer of a 200.
     *
     * @throws ImClientException with the protocol's code from the error body (or the HTTP status
     *                           when the body has none)
     */
    public JsonNode call(String method, String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode json;
        try {
            json = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new ImClientException(r.statusCode(), method + " " + path + " answered HTTP " + r.statusCode()
                    + " with a body that is not JSON");
        }
        if (r.statusCode() != 200) {
            throw new ImClientException(json.path("code").asInt(r.statusCode()),
                    json.path("message").asText("HTTP " + r.statusCode()));
        }
        return json;
    }

    private static List<String> strings(List<Long> ids) {
        return ids.stream().map(String::valueOf).toList();
    }

    private static long id(JsonNode answer, String field) {
        return Long.parseLong(answer.path(field).asText("0"));
    }
}
