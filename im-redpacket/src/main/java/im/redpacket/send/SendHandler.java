package im.redpacket.send;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.AuthorizationService;
import im.api.org.Caller;
import im.api.redpacket.RedPacketChat;
import im.api.redpacket.RedPacketCreated;
import im.api.redpacket.RedPacketKind;
import im.api.redpacket.RedPacketSent;
import im.api.redpacket.SendRedPacket;
import im.redpacket.RedPacketSettings;
import im.redpacket.grab.GrabHandler;
import im.redpacket.org.Conversations;
import im.redpacket.packet.PacketRow;
import im.redpacket.packet.PacketStore;
import im.redpacket.tx.Transactions;
import im.redpacket.wallet.LedgerKind;
import im.redpacket.wallet.WalletStore;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code send}: checks (amounts, count, limits, the send authorization, the group's size), then a
 * half message on {@link RedPacketChat#TOPIC} whose local transaction is one Seata global transaction:
 * the packet row (red-packet database) and the debit with its ledger row (wallet database). Committed,
 * the half message is committed and im-logic posts the chat message; rolled back, both go.
 *
 * <p>{@link #checkLocalTransaction} decides from the database only: the packet row read with
 * {@code SELECT ... FOR UPDATE} under Seata's global lock, which waits while the global transaction
 * is still in flight; a missing row is a rollback once the global transaction's timeout has passed
 * (Seata refuses to commit it after), UNKNOW before. Runs on Dubbo threads and the check-back pool;
 * thread-safe.
 */
public final class SendHandler implements TransactionListener {
    private static final Logger log = LoggerFactory.getLogger("im.redpacket.send-tx");
    /** Ids: 41 bits of milliseconds since 2025-01-01, 22 random bits; a collision fails the insert. */
    private static final long EPOCH = 1_735_689_600_000L;

    /** Packet ids; a repeated one fails the packet insert, and the global transaction rolls back. */
    public static long newPacketId() {
        return ((System.currentTimeMillis() - EPOCH) << 22) | ThreadLocalRandom.current().nextLong(1L << 22);
    }

    private final RedPacketSettings settings;
    private final Transactions transactions;
    private final DataSource walletTx;
    private final DataSource redpacketTx;
    private final WalletStore wallets;
    private final PacketStore packets;
    private final GrabHandler grabs;
    private final Conversations conversations;
    private final ChatPosts posts;
    private final LongSupplier clock;
    private final LongSupplier packetIds;
    private volatile TransactionMQProducer producer;

    public SendHandler(RedPacketSettings settings, Transactions transactions, DataSource walletTx,
                       DataSource redpacketTx, WalletStore wallets, PacketStore packets, GrabHandler grabs,
                       Conversations conversations, ChatPosts posts, LongSupplier clock,
                       LongSupplier packetIds) {
        this.settings = settings;
        this.transactions = transactions;
        this.walletTx = walletTx;
        this.redpacketTx = redpacketTx;
        this.wallets = wallets;
        this.packets = packets;
        this.grabs = grabs;
        this.conversations = conversations;
        this.posts = posts;
        this.clock = clock;
        this.packetIds = packetIds;
    }

    /** Set once, after the producer was started with this listener. */
    public void bind(TransactionMQProducer producer) {
        this.producer = producer;
    }

    private static final class Attempt {
        final PacketRow row;
        ImException failure;
        volatile boolean ran;
        Transactions.Outcome outcome = Transactions.Outcome.ROLLED_BACK;

        Attempt(PacketRow row) {
            this.row = row;
        }
    }

    public RedPacketSent send(Caller caller, SendRedPacket r) throws ImException {
        validate(caller, r);
        conversations.authorizeSend(caller.tenantId(), caller.userId(), r.convType(), r.convId());
        if (r.convType() == AuthorizationService.CONV_GROUP && r.count() > conversations.groupSize(r.convId())) {
            throw bad("count must not exceed the group's members");
        }
        long now = clock.getAsLong();
        long id = packetIds.getAsLong();
        PacketRow row = new PacketRow(id, caller.tenantId(), caller.userId(), r.convType(), r.convId(), r.kind(),
                r.totalAmount(), r.count(), r.totalAmount(), r.count(), r.greeting(), PacketRow.OPEN, now,
                now + settings.expirySeconds() * 1000L, 0);
        RedPacketCreated created = ChatPosts.event(row);
        Attempt attempt = new Attempt(row);
        TransactionSendResult result = null;
        Message half = new Message(RedPacketChat.TOPIC, row.kind().name(), RedPacketChat.clientMsgId(id),
                RedPacketChat.encode(created));
        for (int tries = 1; ; tries++) {
            try {
                result = producer.sendMessageInTransaction(half, attempt);
                break;
            } catch (MQClientException | RuntimeException e) {
                if (!attempt.ran) {
                    // the half message was refused (broker flow control): nothing was written, try again
                    if (tries < 3 && Transactions.pauseBeforeRetry(tries)) {
                        continue;
                    }
                    throw new ImException(ErrorCode.BUSY, "red packet queue unavailable, nothing sent: " + e, e);
                }
                if (attempt.outcome != Transactions.Outcome.COMMITTED) {
                    throw new ImException(ErrorCode.BUSY, "red packet not sent: " + e, e);
                }
                log.warn("Failed to end a send's half message, check-back settles it: {packetId={}}: {}", id,
                        e.toString());
                break;
            }
        }
        if (attempt.failure != null) {
            throw attempt.failure;
        }
        if (result != null && result.getLocalTransactionState() != LocalTransactionState.COMMIT_MESSAGE) {
            throw new ImException(ErrorCode.BUSY, "red packet not sent, retry");
        }
        grabs.preload(row);
        return new RedPacketSent(id, Math.max(0, posts.post(created)));
    }

    @Override
    public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
        Attempt a = (Attempt) arg;
        a.ran = true;
        PacketRow row = a.row;
        Transactions.Outcome[] outcome = new Transactions.Outcome[1];
        try {
            transactions.global("redpacket-send", () -> {
                Transactions.local(walletTx, c -> {
                    wallets.debit(c, row.senderId(), row.tenantId(), row.totalAmount(), "send:" + row.id(),
                            LedgerKind.SEND, row.id());
                    return null;
                });
                Transactions.local(redpacketTx, c -> {
                    packets.insert(c, row);
                    return null;
                });
                return null;
            }, outcome);
        } catch (ImException e) {
            a.failure = e;
        }
        a.outcome = outcome[0];
        return switch (outcome[0]) {
            case COMMITTED -> LocalTransactionState.COMMIT_MESSAGE;
            case ROLLED_BACK -> LocalTransactionState.ROLLBACK_MESSAGE;
            case UNKNOWN -> LocalTransactionState.UNKNOW;
        };
    }

    @Override
    public LocalTransactionState checkLocalTransaction(MessageExt msg) {
        RedPacketCreated created;
        try {
            created = RedPacketChat.decode(msg.getBody());
        } catch (IllegalArgumentException e) {
            log.error("Rolled back an undecodable red packet half message: {keys={}}", msg.getKeys());
            return LocalTransactionState.ROLLBACK_MESSAGE;
        }
        try {
            boolean exists = Transactions.underGlobalLock(redpacketTx,
                    c -> packets.lockCommitted(c, created.redPacketId()));
            if (exists) {
                return LocalTransactionState.COMMIT_MESSAGE;
            }
            long age = clock.getAsLong() - msg.getBornTimestamp();
            return age > settings.globalTxTimeoutMillis() + 10_000L ? LocalTransactionState.ROLLBACK_MESSAGE
                    : LocalTransactionState.UNKNOW;
        } catch (ImException | SQLException | RuntimeException e) {
            log.info("Red packet send still undecided, asked again later: {packetId={}}: {}", created.redPacketId(),
                    e.toString());
            return LocalTransactionState.UNKNOW;
        }
    }

    private void validate(Caller caller, SendRedPacket r) throws ImException {
        if (caller.isPlatformAdmin()) {
            throw ImException.stackless(ErrorCode.FORBIDDEN, "the platform admin has no wallet");
        }
        if (r == null || r.kind() == null || r.greeting() == null) {
            throw bad("kind and greeting are required");
        }
        if (r.convType() != AuthorizationService.CONV_SINGLE && r.convType() != AuthorizationService.CONV_GROUP) {
            throw bad("convType must be SINGLE or GROUP");
        }
        if (r.convId() <= 0) {
            throw bad("convId must be a positive id");
        }
        if (r.greeting().codePointCount(0, r.greeting().length()) > SendRedPacket.MAX_GREETING) {
            throw bad("greeting must be at most " + SendRedPacket.MAX_GREETING + " characters");
        }
        if (r.count() < 1 || r.count() > SendRedPacket.MAX_COUNT) {
            throw bad("count must be 1.." + SendRedPacket.MAX_COUNT);
        }
        if (r.convType() == AuthorizationService.CONV_SINGLE && r.count() != 1) {
            throw bad("a red packet in a single chat has count 1");
        }
        if (r.totalAmount() <= 0) {
            throw bad("totalAmount must be a positive number of cents");
        }
        long max = settings.maxTotal(caller.tenantId());
        if (r.totalAmount() > max) {
            throw bad("totalAmount must be at most " + max + " cents for this tenant");
        }
        if (r.totalAmount() < r.count()) {
            throw bad("every share must be at least 1 cent");
        }
        if (r.kind() == RedPacketKind.FIXED && r.totalAmount() % r.count() != 0) {
            throw bad("a FIXED red packet's totalAmount must be a multiple of count");
        }
    }

    private static ImException bad(String message) {
        return ImException.stackless(ErrorCode.BAD_REQUEST, message);
    }
}
