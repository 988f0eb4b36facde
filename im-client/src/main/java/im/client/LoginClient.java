package im.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTTP login of PROTOCOL.md ({@code POST /auth/login}): a token and the access endpoints,
 * least-loaded first, for {@link ImClient#connect}. Thread-safe; one instance per HTTP base URL.
 */
public final class LoginClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI loginUri;

    /** @param baseUrl e.g. {@code http://127.0.0.1:8080/api/v1} */
    public LoginClient(String baseUrl) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.loginUri = URI.create(baseUrl.replaceAll("/+$", "") + "/auth/login");
    }

    /**
     * @param userId the user's id (ids are strings in JSON, PROTOCOL.md)
     * @param expiresAt epoch millis
     */
    public record Login(String token, long userId, long tenantId, long expiresAt, List<Endpoint> endpoints) {
        public Login {
            endpoints = List.copyOf(endpoints);
        }
    }

    /**
     * @throws ImClientException with the server's code when the login is refused (bad password:
     *                           1001; locked: 1429; bad input: 1000)
     */
    public Login login(String tenantCode, String account, String password) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("tenantCode", tenantCode, "account", account,
                "password", password));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(loginUri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new ImClientException(json.path("code").asInt(response.statusCode()),
                    json.path("message").asText("login failed with HTTP " + response.statusCode()));
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (JsonNode e : json.path("endpoints")) {
            endpoints.add(new Endpoint(e.path("tcp").asText(), e.path("ws").asText()));
        }
        return new Login(json.path("token").asText(), Long.parseLong(json.path("userId").asText()),
                Long.parseLong(json.path("tenantId").asText()), json.path("expiresAt").asLong(), endpoints);
    }
}
