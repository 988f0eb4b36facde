package im.redpacket.support;

import com.zaxxer.hikari.HikariDataSource;
import im.infra.db.DataSources;
import im.infra.db.DatabaseLayout;
import im.infra.seata.SeataClient;
import im.redpacket.RedPacketCore;
import im.redpacket.RedPacketSettings;
import im.redpacket.send.ChatPoster;
import im.testkit.Stack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * One in-process red-packet node on the real stack (MariaDB, Redis, RocketMQ, Seata), built as the
 * bootstrap builds it, with its own producer and consumer groups and Redis prefix, and a clock the
 * test may move forward.
 */
public final class RedPacketNode implements AutoCloseable {
    private static boolean seataJoined;

    public final String deployment = "rp-it-" + UUID.randomUUID().toString().substring(0, 8);
    public final AtomicLong skew = new AtomicLong();
    public final LongSupplier clock = () -> System.currentTimeMillis() + skew.get();
    public final HikariDataSource walletPool;
    public final HikariDataSource redpacketPool;
    public final DataSource walletTx;
    public final DataSource redpacketTx;
    public final RedPacketCore core;

    public RedPacketNode(Stack stack, RedPacketSettings settings, TestConversations org, ChatPoster poster,
                         LongSupplier packetIds) throws Exception {
        joinSeata(stack);
        walletPool = pool(stack, "wallet");
        redpacketPool = pool(stack, "redpacket");
        walletTx = SeataClient.proxy(walletPool);
        redpacketTx = SeataClient.proxy(redpacketPool);
        core = RedPacketCore.start(settings, new RedPacketCore.Databases(walletPool, redpacketPool, walletTx,
                redpacketTx), stack.redisson(), "im:rp-it:" + deployment + ":", stack.rocketMq(deployment), deployment,
                org, poster, new SimpleMeterRegistry(), clock, packetIds, false);
    }

    public static RedPacketSettings settings() {
        return new RedPacketSettings(3600, 1000, 1000, 2_000_000, Map.of(), 10_000, 1000, 60_000);
    }

    private static synchronized void joinSeata(Stack stack) {
        if (!seataJoined) {
            SeataClient.init("im-redpacket-it", stack.namespace(), "im_tx_group", stack.seataServer());
            seataJoined = true;
        }
    }

    private static HikariDataSource pool(Stack stack, String db) {
        DatabaseLayout layout = stack.layout(db);
        return DataSources.pooled("it-" + db, layout.urls().get(0), layout.user(), layout.password(), 24);
    }

    public long balance(long userId) throws SQLException {
        return longQuery(walletPool, "SELECT COALESCE(SUM(balance), 0) FROM wallet WHERE user_id = ?", userId);
    }

    public long ledgerSum(long userId) throws SQLException {
        return longQuery(walletPool, "SELECT COALESCE(SUM(amount), 0) FROM wallet_ledger WHERE user_id = ?", userId);
    }

    public long count(DataSource db, String sql, long arg) throws SQLException {
        return longQuery(db, sql, arg);
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

    @Override
    public void close() {
        core.close();
        walletPool.close();
        redpacketPool.close();
    }
}
