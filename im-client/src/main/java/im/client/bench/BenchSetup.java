package im.client.bench;

import im.client.Endpoint;
import im.client.HttpApi;
import im.client.LoginClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The users of a run, made through the HTTP API like any tenant's: a fresh tenant (as the platform
 * admin), {@code n} users in it (as its admin), and one HTTP login per user for its token. Eight
 * requests at a time; bcrypt dominates (cost 10 is about 100 ms of CPU per user and login; a
 * benchmark stack may run im-org-service with {@code IM_AUTH_BCRYPT_COST=4}).
 */
final class BenchSetup {
    static final String PASSWORD = "Bench-pass-1";

    /** The tenant and its users, in creation order, with the endpoints of the first login. */
    record Setup(String tenantCode, String adminToken, List<WorkerSpec.BenchUser> users, List<Endpoint> endpoints) {
    }

    private BenchSetup() {
    }

    static Setup create(String baseUrl, String platformAccount, String platformPassword, int n, PrintStream progress)
            throws Exception {
        HttpApi api = new HttpApi(baseUrl, Duration.ofSeconds(60));
        LoginClient login = new LoginClient(baseUrl);
        String platformToken = login.login("platform", platformAccount, platformPassword).token();
        String code = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        api.createTenant(platformToken, code, "im-bench " + code, "admin", PASSWORD);
        String adminToken = login.login(code, "admin", PASSWORD).token();
        ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "bench-setup");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicInteger done = new AtomicInteger();
            List<Future<LoginClient.Login>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String account = "u" + i;
                futures.add(pool.submit(() -> {
                    api.createUser(adminToken, account, PASSWORD, "Bench user " + account);
                    LoginClient.Login l = login.login(code, account, PASSWORD);
                    int d = done.incrementAndGet();
                    if (d % 50 == 0 || d == n) {
                        progress.print("\r[setup] tenant " + code + ": " + d + " of " + n + " users created and logged in");
                        progress.flush();
                    }
                    return l;
                }));
            }
            List<WorkerSpec.BenchUser> users = new ArrayList<>();
            List<Endpoint> endpoints = List.of();
            for (Future<LoginClient.Login> f : futures) {
                LoginClient.Login l = f.get();
                users.add(new WorkerSpec.BenchUser(l.userId(), l.token()));
                if (endpoints.isEmpty()) {
                    endpoints = l.endpoints();
                }
            }
            progress.println();
            return new Setup(code, adminToken, users, endpoints);
        } finally {
            pool.shutdownNow();
        }
    }
}
