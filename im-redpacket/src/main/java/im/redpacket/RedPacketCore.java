package im.redpacket;

import im.api.redpacket.RedPacketService;
import im.api.redpacket.WalletService;
import im.infra.mq.RocketMqFactory;
import im.infra.service.BoundedExecutors;
import im.redpacket.api.RedPacketEndpoint;
import im.redpacket.api.WalletEndpoint;
import im.redpacket.expiry.RefundJob;
import im.redpacket.grab.CreditConsumer;
import im.redpacket.grab.CreditMessage;
import im.redpacket.grab.CreditSweeper;
import im.redpacket.grab.GrabClaimer;
import im.redpacket.grab.GrabCredits;
import im.redpacket.grab.GrabHandler;
import im.redpacket.grab.RedisShares;
import im.redpacket.org.Conversations;
import im.redpacket.packet.PacketStore;
import im.redpacket.reconcile.Reconciler;
import im.redpacket.send.ChatPoster;
import im.redpacket.send.ChatPosts;
import im.redpacket.send.ChatSweeper;
import im.redpacket.send.SendHandler;
import im.redpacket.tx.Transactions;
import im.redpacket.wallet.WalletStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.redisson.api.RedissonClient;

/**
 * The red-packet object graph, built in reading order and started by {@link #start}: the bootstrap and
 * the integration tests build the same thing. Closing it stops the scan, the consumer and the producers.
 */
public final class RedPacketCore implements AutoCloseable {
    /** The databases: plain pools for reads, Seata proxies for writes. */
    public record Databases(DataSource walletReads, DataSource redpacketReads, DataSource walletTx,
                            DataSource redpacketTx) {
    }

    private final Deque<Runnable> closers = new ArrayDeque<>();
    private WalletEndpoint wallet;
    private RedPacketEndpoint redPackets;
    private RefundJob refunds;
    private CreditSweeper creditSweeper;
    private ChatSweeper chatSweeper;
    private RedisShares shares;
    private SendHandler send;
    private GrabClaimer claimer;
    private Reconciler reconciler;

    private RedPacketCore() {
    }

    /**
     * @param deployment suffix of the producer and consumer groups (the Dubbo registry group), so that
     *                   check-backs and credits stay within one deployment
     * @param packetIds  new packet ids ({@link SendHandler#newPacketId})
     * @param scans      whether to run the background scans, the expiry refunds, the credit and chat sweeps
     *                   (tests drive {@link #refunds()}, {@link #creditSweeper()} and {@link #chatSweeper()})
     */
    public static RedPacketCore start(RedPacketSettings settings, Databases db, RedissonClient redis,
                                      String redisPrefix, RocketMqFactory mq, String deployment,
                                      Conversations org, ChatPoster poster, MeterRegistry metrics, LongSupplier clock,
                                      LongSupplier packetIds, boolean scans) throws MQClientException {
        RedPacketCore core = new RedPacketCore();
        try {
            core.build(settings, db, redis, redisPrefix, mq, deployment, org, poster, metrics, clock, packetIds,
                    scans);
        } catch (MQClientException | RuntimeException e) {
            core.close();
            throw e;
        }
        return core;
    }

    private void build(RedPacketSettings settings, Databases db, RedissonClient redis, String redisPrefix,
                       RocketMqFactory mq, String deployment, Conversations org, ChatPoster poster,
                       MeterRegistry metrics, LongSupplier clock, LongSupplier packetIds, boolean scans)
            throws MQClientException {
        Transactions transactions = new Transactions(settings.globalTxTimeoutMillis());
        WalletStore wallets = new WalletStore(db.walletReads(), clock);
        PacketStore packets = new PacketStore(db.redpacketReads());
        shares = new RedisShares(redis, redisPrefix);

        ThreadPoolExecutor checkBacks = BoundedExecutors.create("redpacket-check", 2, 2000);
        closers.push(checkBacks::shutdown);
        claimer = new GrabClaimer(db.redpacketTx(), packets, clock);
        TransactionMQProducer grabProducer = mq.transactionalProducer("im-redpacket-grab-tx-" + deployment, claimer,
                checkBacks);
        closers.push(grabProducer::shutdown);
        claimer.bind(grabProducer);
        GrabHandler grab = new GrabHandler(packets, shares, claimer, org, clock);

        ChatPosts posts = new ChatPosts(poster, db.redpacketTx(), packets);
        send = new SendHandler(settings, transactions, db.walletTx(), db.redpacketTx(), wallets, packets, grab, org,
                posts, clock, packetIds);
        chatSweeper = new ChatSweeper(packets, db.redpacketTx(), posts, settings.chatSweepAfterMillis(), clock,
                metrics);
        TransactionMQProducer sendProducer = mq.transactionalProducer("im-redpacket-send-tx-" + deployment, send,
                checkBacks);
        closers.push(sendProducer::shutdown);
        send.bind(sendProducer);

        GrabCredits credits = new GrabCredits(db.walletTx(), wallets, metrics);
        DefaultMQPushConsumer creditConsumer = mq.consumer(CreditConsumer.CONSUMER_GROUP + "-" + deployment,
                CreditMessage.TOPIC, new CreditConsumer(credits));
        closers.push(creditConsumer::shutdown);
        creditSweeper = new CreditSweeper(packets, db.redpacketTx(), wallets, credits, clock, metrics);

        refunds = new RefundJob(db.walletTx(), db.redpacketTx(), wallets, packets, shares, clock, metrics);
        if (scans) {
            ScheduledExecutorService scan = Executors.newScheduledThreadPool(2, new ThreadFactory() {
                private final AtomicInteger n = new AtomicInteger();

                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "redpacket-scan-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }
            });
            closers.push(scan::shutdownNow);
            scan.scheduleWithFixedDelay(refunds, settings.refundScanMillis(), settings.refundScanMillis(),
                    TimeUnit.MILLISECONDS);
            scan.scheduleWithFixedDelay(creditSweeper, settings.creditSweepMillis(), settings.creditSweepMillis(),
                    TimeUnit.MILLISECONDS);
            scan.scheduleWithFixedDelay(chatSweeper, settings.chatSweepMillis(), settings.chatSweepMillis(),
                    TimeUnit.MILLISECONDS);
        }
        reconciler = new Reconciler(db.walletReads(), packets, clock);
        wallet = new WalletEndpoint(db.walletTx(), wallets, org);
        redPackets = new RedPacketEndpoint(send, grab, packets, reconciler, org, clock);
    }

    public WalletService wallet() {
        return wallet;
    }

    public RedPacketService redPackets() {
        return redPackets;
    }

    public RefundJob refunds() {
        return refunds;
    }

    /** The sweep that credits committed claims whose credit message was lost. */
    public CreditSweeper creditSweeper() {
        return creditSweeper;
    }

    /** The sweep that posts the chat messages of committed packets not known to be posted. */
    public ChatSweeper chatSweeper() {
        return chatSweeper;
    }

    public RedisShares shares() {
        return shares;
    }

    /** The send's transaction listener, for check-back tests. */
    public SendHandler sendTransactions() {
        return send;
    }

    /** The grab's transaction listener, for check-back tests. */
    public GrabClaimer grabTransactions() {
        return claimer;
    }

    public Reconciler reconciler() {
        return reconciler;
    }

    @Override
    public void close() {
        while (!closers.isEmpty()) {
            try {
                closers.pop().run();
            } catch (RuntimeException e) {
                // keep closing the rest
            }
        }
    }
}
