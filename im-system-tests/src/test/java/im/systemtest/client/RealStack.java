package im.systemtest.client;

import im.client.Endpoint;
import im.client.HttpApi;
import im.client.ImClientException;
import im.client.LoginClient;
import im.testkit.FreePorts;
import im.testkit.ServiceProcess;
import im.testkit.Stack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The services an SDK or CLI test talks to, each its own JVM from its built jar: im-org-service,
 * im-logic and one or more im-access nodes, in a registry group of their own with free ports; and
 * a fresh tenant with users made through the HTTP API, as any customer's would be.
 */
final class RealStack implements AutoCloseable {
    static final String PASSWORD = "Client-it-pass-1";

    /** A user as the tests need it: account, id and a token from the HTTP login. */
    record User(String account, long id, String token) {
    }

    /** One im-access node and its client ports. */
    record Access(ServiceProcess process, int httpPort, int tcpPort, int wsPort) {
        Endpoint endpoint() {
            return new Endpoint("127.0.0.1:" + tcpPort, "ws://127.0.0.1:" + wsPort + "/ws");
        }
    }

    private final List<ServiceProcess> processes = new ArrayList<>();
    private final List<Access> access = new ArrayList<>();
    private String tenantCode;
    private String adminToken;

    /**
     * @param accessEnv per access node, its extra {@code IM_*} settings
     */
    static RealStack start(Stack stack, String name, List<Map<String, String>> accessEnv) throws Exception {
        RealStack s = new RealStack();
        try {
            String group = name + "-" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, String> env = Map.of("IM_DUBBO_REGISTRY_GROUP", group, "IM_AUTH_BCRYPT_COST", "4");
            s.processes.add(ServiceProcess.start(stack.repoRoot(), "im-org-service", name + "-org", env));
            s.processes.add(ServiceProcess.start(stack.repoRoot(), "im-logic", name + "-logic", env));
            for (int i = 0; i < accessEnv.size(); i++) {
                Map<String, String> e = new HashMap<>(env);
                int http = FreePorts.take();
                int tcp = FreePorts.take();
                int ws = FreePorts.take();
                e.put("IM_HTTP_PORT", Integer.toString(http));
                e.put("IM_GATEWAY_TCP_PORT", Integer.toString(tcp));
                e.put("IM_GATEWAY_WS_PORT", Integer.toString(ws));
                e.putAll(accessEnv.get(i));
                ServiceProcess p = ServiceProcess.start(stack.repoRoot(), "im-access", name + "-access-" + i, e);
                s.processes.add(p);
                s.access.add(new Access(p, http, tcp, ws));
            }
            for (ServiceProcess p : s.processes) {
                p.awaitReady(Duration.ofSeconds(180));
            }
            s.createTenant();
            return s;
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
    }

    Access access(int i) {
        return access.get(i);
    }

    /** The HTTP API of the first access node still running (a test may stop one). */
    String baseUrl() {
        Access live = access.stream().filter(a -> a.process().isAlive()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no im-access node is running"));
        return "http://127.0.0.1:" + live.httpPort() + "/api/v1";
    }

    String tenantCode() {
        return tenantCode;
    }

    HttpApi api() {
        return new HttpApi(baseUrl(), Duration.ofSeconds(30));
    }

    /** A new user of the test tenant, logged in over HTTP. */
    User newUser(String account) throws Exception {
        long id = api().createUser(adminToken, account, PASSWORD, "User " + account);
        return new User(account, id, login(tenantCode, account, PASSWORD).token());
    }

    /** A fresh HTTP login (a new token) of an existing user. */
    User relogin(User u) throws Exception {
        return new User(u.account(), u.id(), login(tenantCode, u.account(), PASSWORD).token());
    }

    private void createTenant() throws Exception {
        String platformToken = awaitLogin("platform", "platform-admin", "platform-admin-pass").token();
        tenantCode = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        api().createTenant(platformToken, tenantCode, "Client IT", "admin", PASSWORD);
        adminToken = login(tenantCode, "admin", PASSWORD).token();
    }

    private LoginClient.Login login(String tenant, String account, String password) throws Exception {
        return new LoginClient(baseUrl()).login(tenant, account, password);
    }

    /** im-access finds im-org-service through the registry asynchronously: retry while it answers 503. */
    private LoginClient.Login awaitLogin(String tenant, String account, String password) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return login(tenant, account, password);
            } catch (ImClientException e) {
                if (e.code() != 1503 || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(300);
            }
        }
    }

    @Override
    public void close() {
        for (ServiceProcess p : processes) {
            try {
                p.close();
            } catch (RuntimeException e) {
                System.err.println("failed to stop " + p.pid() + ": " + e);
            }
        }
    }

}
