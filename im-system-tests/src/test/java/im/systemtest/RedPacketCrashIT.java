package im.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import im.client.HttpApi;
import im.client.ImClientException;
import im.client.LoginClient;
import im.testkit.FreePorts;
import im.testkit.ServiceProcess;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Money is never lost: im-org-service, im-logic, im-access and im-redpacket as real processes; clients
 * send and grab red packets over HTTP while the red-packet process is killed with SIGKILL at random
 * moments ({@code -Dredpacket.kills}, default 20) and restarted. Packets expire after 6 s, so refunds run
 * and crash too. Afterwards, once RocketMQ redelivered, the broker's check-backs settled the half
 * messages and Seata rolled back the dead transactions: the tenant's balances add up to the money
 * topped up, to the cent, reconciliation finds nothing, and every packet created has exactly one
 * RED_PACKET chat message.
 *
 * <p>Before each load window it waits until im-access reaches the restarted node, so that every kill lands
 * in traffic.
 *
 * <p>History (2026-12-03, 20 kills each, see docs/redpackets.md "Crashes"): the first complete run failed
 * with 4 grabs never credited and one packet never refunded (2,649 of 800,000 cents stuck); a rerun of the
 * same code passed (the failure depends on where the kills land); a run with the credit sweep and the
 * two-step refund failed with 378 cents of one user's grabs stuck, and the Seata server's log showed the
 * cause: the rollback of a killed send went, 22 times, to another stack's im-redpacket that shared our
 * Seata application id and never answered, so the transaction kept its row locks. With the application id
 * carrying the namespace the run passed: 800,000 of 800,000 cents, reconciliation empty, one message per
 * packet, 400 s for the test class (about 8 minutes with the build).
 *
 * <p>Opt-in ({@code -Dredpacket.crash=true}): it needs more than 5 minutes, and CI's 30-minute budget
 * already has the full suite's 17 in it.
 */
@EnabledIfSystemProperty(named = "redpacket.crash", matches = "true") // reported as skipped, not as absent
@ExtendWith(StackExtension.class)
class RedPacketCrashIT {
    private static final String PASSWORD = "Redpacket-it-1";
    private static final int USERS = 8;
    private static final long TOP_UP = 100_000;
    private static final String GROUP_NAME = "rp-crash-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Map<String, String> ENV = Map.of("IM_DUBBO_REGISTRY_GROUP", GROUP_NAME,
            "IM_AUTH_BCRYPT_COST", "4", "IM_REDPACKET_EXPIRY_SECONDS", "6", "IM_REDPACKET_REFUND_SCAN_MS", "500");
    private static final List<ServiceProcess> processes = new ArrayList<>();
    private static Stack stack;
    private static String base;
    private static long tenantId;
    private static long groupId;
    private static final List<String> tokens = new ArrayList<>();
    private static final List<Long> userIds = new ArrayList<>();
    private static String adminToken;

    @BeforeAll
    static void start(Stack s) throws Exception {
        stack = s;
        processes.add(ServiceProcess.start(s.repoRoot(), "im-org-service", GROUP_NAME + "-org", ENV));
        processes.add(ServiceProcess.start(s.repoRoot(), "im-logic", GROUP_NAME + "-logic", ENV));
        Map<String, String> access = new HashMap<>(ENV);
        int http = FreePorts.take();
        access.put("IM_HTTP_PORT", Integer.toString(http));
        access.put("IM_GATEWAY_TCP_PORT", Integer.toString(FreePorts.take()));
        access.put("IM_GATEWAY_WS_PORT", Integer.toString(FreePorts.take()));
        processes.add(ServiceProcess.start(s.repoRoot(), "im-access", GROUP_NAME + "-access", access));
        for (ServiceProcess p : processes) {
            p.awaitReady(Duration.ofSeconds(180));
        }
        base = "http://127.0.0.1:" + http + "/api/v1";
        HttpApi api = new HttpApi(base, Duration.ofSeconds(30));
        String platform = awaitLogin("platform", "platform-admin", "platform-admin-pass");
        String code = "rp-" + UUID.randomUUID().toString().substring(0, 8);
        tenantId = api.createTenant(platform, code, "Red packet IT", "admin", PASSWORD).tenantId();
        adminToken = login(code, "admin");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            ids.add(api.createUser(adminToken, "u" + i, PASSWORD, "User " + i));
            tokens.add(login(code, "u" + i));
        }
        userIds.addAll(ids);
        groupId = api.createGroup(tokens.get(0), "Crash", ids.subList(1, USERS));
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess p : processes) {
            p.close();
        }
    }

    private static String login(String tenant, String account) throws Exception {
        return new LoginClient(base).login(tenant, account, PASSWORD).token();
    }

    private static String awaitLogin(String tenant, String account, String password) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return new LoginClient(base).login(tenant, account, password).token();
            } catch (ImClientException e) {
                if (e.code() != 1503 || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(300);
            }
        }
    }

    private static ServiceProcess startRedPacket(int run) throws Exception {
        ServiceProcess p = ServiceProcess.start(stack.repoRoot(), "im-redpacket", GROUP_NAME + "-rp-" + run, ENV);
        p.awaitHealthy(Duration.ofSeconds(120));
        return p;
    }

    @Test
    void sigkillsDuringSendGrabAndRefund_shouldLoseNoCent_andPostEveryPacketOnce() throws Exception {
        HttpApi api = new HttpApi(base, Duration.ofSeconds(10));
        ServiceProcess rp = startRedPacket(0);
        long toppedUp = 0;
        for (int i = 0; i < USERS; i++) {
            long user = userIds.get(i);
            String topUpId = "crash-" + GROUP_NAME + "-" + i;
            toppedUp += awaitAnswer(() -> {
                api.topUp(adminToken, user, TOP_UP, topUpId);
                return TOP_UP;
            });
        }
        List<Long> known = new CopyOnWriteArrayList<>();
        Map<Integer, AtomicInteger> codes = new ConcurrentHashMap<>();
        int kills = Integer.getInteger("redpacket.kills", 20);
        for (int run = 1; run <= kills; run++) {
            awaitServing(api);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> load = List.of(
                    new Thread(() -> sendLoop(api, known, codes, stop), "rp-send"),
                    new Thread(() -> grabLoop(api, known, codes, stop), "rp-grab-1"),
                    new Thread(() -> grabLoop(api, known, codes, stop), "rp-grab-2"));
            load.forEach(Thread::start);
            Thread.sleep(300 + ThreadLocalRandom.current().nextLong(2500));
            rp.kill();
            Thread.sleep(200);
            stop.set(true);
            for (Thread t : load) {
                t.join();
            }
            rp = startRedPacket(run);
        }
        try {
            awaitSettled(toppedUp);
            DataSource wallet = stack.physical("wallet", 0);
            assertThat(longQuery(wallet, "SELECT COALESCE(SUM(balance), 0) FROM wallet WHERE tenant_id = ?"))
                    .as("balances after %d kills, %d packets answered (answers seen: %s)", kills, known.size(), codes)
                    .isEqualTo(toppedUp);
            assertThat(api.reconcile(adminToken)).isEmpty();
            Map<String, Long> posts = redPacketMessages();
            Set<String> expected = new HashSet<>();
            for (long id : packetIds()) {
                expected.add("rp:" + id);
            }
            assertThat(posts.keySet()).isEqualTo(expected);
            assertThat(posts.values()).allMatch(n -> n == 1);
            assertThat(expected).hasSizeGreaterThanOrEqualTo(known.size()).isNotEmpty();
        } finally {
            rp.close();
        }
    }

    /**
     * Waits until im-access reaches the (re)started im-redpacket: healthy is not yet found, im-logic and
     * im-access learn the new provider from ZooKeeper a few seconds later, and a kill before that would
     * land in no traffic at all (the first runs saw a few dozen packets in 20 kills).
     */
    private static void awaitServing(HttpApi api) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                api.balance(tokens.get(0));
                return;
            } catch (ImClientException e) {
                if (e.code() != 1503 || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static void sendLoop(HttpApi api, List<Long> known, Map<Integer, AtomicInteger> codes, AtomicBoolean stop) {
        while (!stop.get()) {
            int sender = ThreadLocalRandom.current().nextInt(USERS);
            int count = 1 + ThreadLocalRandom.current().nextInt(5);
            long amount = count * (10 + ThreadLocalRandom.current().nextInt(500));
            try {
                known.add(api.sendRedPacket(tokens.get(sender), "GROUP", groupId, amount, count, "RANDOM", "crash")
                        .redPacketId());
                count(codes, 0);
            } catch (ImClientException e) {
                count(codes, e.code());
            } catch (Exception e) {
                count(codes, -1);
            }
        }
    }

    private static void grabLoop(HttpApi api, List<Long> known, Map<Integer, AtomicInteger> codes, AtomicBoolean stop) {
        while (!stop.get()) {
            if (known.isEmpty()) {
                Thread.onSpinWait();
                continue;
            }
            long id = known.get(known.size() - 1 - ThreadLocalRandom.current().nextInt(Math.min(known.size(), 5)));
            try {
                api.grab(tokens.get(ThreadLocalRandom.current().nextInt(USERS)), id);
                count(codes, 0);
            } catch (ImClientException e) {
                count(codes, e.code());
            } catch (Exception e) {
                count(codes, -1);
            }
        }
    }

    private static void count(Map<Integer, AtomicInteger> codes, int code) {
        codes.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Every packet expired and refunded, every grab credited, every packet posted (bounded wait). */
    private static void awaitSettled(long toppedUp) throws Exception {
        DataSource wallet = stack.physical("wallet", 0);
        DataSource redpacket = stack.physical("redpacket", 0);
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (System.nanoTime() < deadline) {
            long open = longQuery(redpacket, "SELECT COUNT(*) FROM red_packet WHERE tenant_id = ? AND status = 0");
            long grabs = longQuery(redpacket, "SELECT COUNT(*) FROM red_packet_grab g JOIN red_packet p"
                    + " ON p.id = g.packet_id WHERE p.tenant_id = ?");
            long credits = longQuery(wallet, "SELECT COUNT(*) FROM wallet_ledger WHERE tenant_id = ? AND kind = 3");
            long balances = longQuery(wallet, "SELECT COALESCE(SUM(balance), 0) FROM wallet WHERE tenant_id = ?");
            if (open == 0 && grabs == credits && balances == toppedUp
                    && redPacketMessages().size() == packetIds().size()) {
                return;
            }
            Thread.sleep(1000);
        }
    }

    private static List<Long> packetIds() throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = stack.physical("redpacket", 0).getConnection();
             PreparedStatement p = c.prepareStatement("SELECT id FROM red_packet WHERE tenant_id = ?")) {
            p.setLong(1, tenantId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** client_msg_id -> number of RED_PACKET messages of the tenant. */
    private static Map<String, Long> redPacketMessages() throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = stack.sharded("msg").getConnection();
             PreparedStatement p = c.prepareStatement("SELECT client_msg_id FROM message WHERE tenant_id = ?"
                     + " AND content_type = 4")) {
            p.setLong(1, tenantId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.merge(rs.getString(1), 1L, Long::sum);
                }
            }
        }
        return out;
    }

    private static long longQuery(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, tenantId);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static <T> T awaitAnswer(ItSupport.Call<T> call) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return call.call();
            } catch (ImClientException e) {
                if (e.code() != 1503 || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(300);
            }
        }
    }
}
