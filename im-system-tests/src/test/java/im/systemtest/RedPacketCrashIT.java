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
 * packet, 400 s for the test class (about 8 minutes with the build). On branch rp-finish the short form
 * passed three times (83-87 s) and the long form failed once at the final reconcile call, which the last
 * restart's dead predecessor answered with 1503 after the money checks had passed; it is retried now, and
 * the rerun passed (150 packets, 800,000 of 800,000 cents, 246 s).
 *
 * <p>Two lengths: by default {@value #SHORT_KILLS} kills, short enough for the normal test command (about
 * 3 minutes for the class); with {@code -Dredpacket.crash=true} the long form, 20 kills (about 7 minutes),
 * for a change to the money paths. {@code -Dredpacket.kills=N} sets the number either way.
 *
 * <p>The same processes also show the chat sweep on the real im-logic: a packet whose send committed and
 * whose half message the broker dropped (staged by writing the debit and the packet row as the dead node's
 * global transaction did) gets its one RED_PACKET message from im-redpacket's sweep.
 */
@ExtendWith(StackExtension.class)
class RedPacketCrashIT {
    /** Kills of the default run; each costs a restart (10-15 s), and 6 already land in every phase. */
    static final int SHORT_KILLS = 6;
    private static final int LONG_KILLS = 20;
    private static final String PASSWORD = "Redpacket-it-1";
    private static final int USERS = 8;
    private static final long TOP_UP = 100_000;
    private static final String GROUP_NAME = "rp-crash-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Map<String, String> ENV = Map.of("IM_DUBBO_REGISTRY_GROUP", GROUP_NAME,
            "IM_AUTH_BCRYPT_COST", "4", "IM_REDPACKET_EXPIRY_SECONDS", "6", "IM_REDPACKET_REFUND_SCAN_MS", "500",
            "IM_REDPACKET_CHAT_SWEEP_MS", "1000", "IM_REDPACKET_CHAT_SWEEP_AFTER_MS", "10000");
    private static final List<ServiceProcess> processes = new ArrayList<>();
    private static Stack stack;
    private static String base;
    private static long tenantId;
    private static long groupId;
    private static final List<String> tokens = new ArrayList<>();
    private static final List<Long> userIds = new ArrayList<>();
    private static String adminToken;
    private static String platform;

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
        platform = awaitLogin("platform", "platform-admin", "platform-admin-pass");
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
        int kills = Integer.getInteger("redpacket.kills", Boolean.getBoolean("redpacket.crash") ? LONG_KILLS
                : SHORT_KILLS);
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
            // the last restart's provider may not be the one im-access calls yet (the killed one's registration
            // outlives it by the ZooKeeper session): 1503 means nothing was decided, so ask again
            assertThat(awaitAnswer(() -> api.reconcile(adminToken))).isEmpty();
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

    @Test
    void chatSweep_shouldPostOnce_aCommittedPacketWhoseHalfMessageWasDropped() throws Exception {
        HttpApi api = new HttpApi(base, Duration.ofSeconds(10));
        String code = "rp-chat-" + UUID.randomUUID().toString().substring(0, 8);
        long tenant = api.createTenant(platform, code, "Red packet chat sweep IT", "admin", PASSWORD).tenantId();
        String admin = login(code, "admin");
        long sender = api.createUser(admin, "sender", PASSWORD, "Sender");
        long member = api.createUser(admin, "member", PASSWORD, "Member");
        long group = api.createGroup(login(code, "sender"), "Chat sweep", List.of(member));
        ServiceProcess rp = startRedPacket(100);
        try {
            awaitServing(api, login(code, "sender"));
            awaitAnswer(() -> api.topUp(admin, sender, 1000, "chat-sweep-" + code));
            // what a send leaves when its node died after the global commit and stayed down through the broker's
            // check-backs: the debit and the packet row committed, no half message left, nobody posted
            long id = ((System.currentTimeMillis() - 1_735_689_600_000L) << 22)
                    | ThreadLocalRandom.current().nextLong(1L << 22);
            long now = System.currentTimeMillis();
            try (Connection c = stack.physical("wallet", 0).getConnection()) {
                c.setAutoCommit(false);
                execute(c, "UPDATE wallet SET balance = balance - 300, updated_at = ? WHERE user_id = ? AND"
                        + " balance >= 300", now, sender);
                execute(c, "INSERT INTO wallet_ledger (biz_key, user_id, tenant_id, amount, kind, ref_id, operator_id,"
                        + " created_at) VALUES (CONCAT('send:', ?), ?, ?, -300, 2, ?, ?, ?)", id, sender, tenant, id,
                        sender, now);
                c.commit();
            }
            try (Connection c = stack.physical("redpacket", 0).getConnection()) {
                execute(c, "INSERT INTO red_packet (id, tenant_id, sender_id, conv_type, conv_id, kind, total_amount,"
                        + " total_count, remaining_amount, remaining_count, greeting, status, create_time, expire_time)"
                        + " VALUES (?, ?, ?, 2, ?, 1, 300, 3, 300, 3, 'swept', 0, ?, ?)", id, tenant, sender, group,
                        now, now + 6000);
            }

            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (chatMessages(tenant).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            Thread.sleep(3000); // three more sweeps: a repeat would be a second message
            Map<String, List<Long>> posted = chatMessages(tenant);
            assertThat(posted).containsOnlyKeys("rp:" + id);
            assertThat(posted.get("rp:" + id)).hasSize(1);
            assertThat(longQuery(stack.physical("redpacket", 0), "SELECT chat_msg_id FROM red_packet WHERE id = ?", id))
                    .isEqualTo(posted.get("rp:" + id).get(0));

            // and the money: the packet expired unclaimed and came back whole
            long refundDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (api.balance(login(code, "sender")) != 1000 && System.nanoTime() < refundDeadline) {
                Thread.sleep(500);
            }
            assertThat(api.balance(login(code, "sender"))).isEqualTo(1000);
            assertThat(api.reconcile(admin)).isEmpty();
        } finally {
            rp.close();
        }
    }

    private static void execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            assertThat(p.executeUpdate()).as(sql).isEqualTo(1);
        }
    }

    /** client_msg_id -> the msg_ids of RED_PACKET messages of {@code tenant}. */
    private static Map<String, List<Long>> chatMessages(long tenant) throws SQLException {
        Map<String, List<Long>> out = new HashMap<>();
        try (Connection c = stack.sharded("msg").getConnection();
             PreparedStatement p = c.prepareStatement("SELECT client_msg_id, msg_id FROM message WHERE tenant_id = ?"
                     + " AND content_type = 4")) {
            p.setLong(1, tenant);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
        }
        return out;
    }

    /**
     * Waits until im-access reaches the (re)started im-redpacket: healthy is not yet found, im-logic and
     * im-access learn the new provider from ZooKeeper a few seconds later, and a kill before that would
     * land in no traffic at all (the first runs saw a few dozen packets in 20 kills).
     */
    private static void awaitServing(HttpApi api) throws Exception {
        awaitServing(api, tokens.get(0));
    }

    private static void awaitServing(HttpApi api, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                api.balance(token);
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
        return longQuery(db, sql, tenantId);
    }

    private static long longQuery(DataSource db, String sql, long arg) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, arg);
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
