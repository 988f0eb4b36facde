package im.redpacket.grab;

import im.api.ErrorCode;
import im.api.ImException;
import im.redpacket.packet.PacketStore;
import im.redpacket.tx.Transactions;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims a share in the database as the local transaction of a RocketMQ transactional message that
 * carries the grab's credit: the credit is delivered if and only if the claim committed.
 *
 * <p>{@link #checkLocalTransaction} decides from the database only: the grab row, read with a shared
 * lock so a claim still committing is waited for. A claim commits only within {@link #CLAIM_DEADLINE_MS}
 * of its half message (it checks before committing), so an absent row in a check-back older than that
 * is a definite rollback; a younger one answers UNKNOW and is asked again. Runs on the grabbing thread
 * (local transaction) and the producer's check-back pool; thread-safe.
 */
public final class GrabClaimer implements TransactionListener {
    /** A claim may commit only this long after its half message was sent. */
    public static final long CLAIM_DEADLINE_MS = 20_000;
    /**
     * Check-backs treat a missing grab row as undecided until this age, and a Redis reservation is given
     * back only past it.
     */
    public static final long CHECK_SAFE_AGE_MS = CLAIM_DEADLINE_MS + 10_000;
    private static final Logger log = LoggerFactory.getLogger("im.redpacket.grab-tx");
    /** Half messages refused by a busy broker are sent again this often (with 50, 100 ms pauses). */
    static final int HALF_SEND_TRIES = 3;

    private final DataSource redpacketTx;
    private final PacketStore packets;
    private final LongSupplier clock;
    private volatile TransactionMQProducer producer;

    /** @param redpacketTx the Seata-proxied red-packet database */
    public GrabClaimer(DataSource redpacketTx, PacketStore packets, LongSupplier clock) {
        this.redpacketTx = redpacketTx;
        this.packets = packets;
        this.clock = clock;
    }

    /** Set once, after the producer was started with this listener. */
    public void bind(TransactionMQProducer producer) {
        this.producer = producer;
    }

    private static final class Attempt {
        final CreditMessage credit;
        final int shareIdx;
        final long started;
        PacketStore.Claim claim;
        Exception failure;

        Attempt(CreditMessage credit, int shareIdx, long started) {
            this.credit = credit;
            this.shareIdx = shareIdx;
            this.started = started;
        }
    }

    /**
     * Claims share {@code shareIdx} for the grabber and, if it was claimed, commits the credit message.
     *
     * @param reservedAt when the share was reserved for the grabber (its Redis pop): the claim's deadline
     *                   counts from there, so a reservation older than {@link #CHECK_SAFE_AGE_MS} can no
     *                   longer become a claim and may be given back
     * @throws ImException {@code BUSY} when the broker or the database failed (nothing was claimed, or
     *                     the check-back settles it)
     */
    public PacketStore.Claim claim(CreditMessage credit, int shareIdx, long reservedAt) throws ImException {
        Attempt attempt = new Attempt(credit, shareIdx, Math.min(reservedAt, clock.getAsLong()));
        Message m = new Message(CreditMessage.TOPIC, "grab", credit.key(), credit.encode());
        for (int tries = 1; ; tries++) {
            try {
                producer.sendMessageInTransaction(m, attempt);
                break;
            } catch (MQClientException | RuntimeException e) {
                if (attempt.claim == null && attempt.failure == null) {
                    // the half message was refused (broker flow control): nothing was claimed, try again
                    if (tries < HALF_SEND_TRIES && Transactions.pauseBeforeRetry(tries)) {
                        continue;
                    }
                    throw new ImException(ErrorCode.BUSY, "credit queue unavailable, nothing grabbed: " + e, e);
                }
                // the local transaction ran: its result stands; the broker settles the half message by check-back
                log.warn("Failed to end a grab's credit message, check-back settles it: {key={}}: {}", credit.key(),
                        e.toString());
                break;
            }
        }
        if (attempt.failure != null) {
            throw new ImException(ErrorCode.BUSY, "grab not recorded, retry: " + attempt.failure,
                    attempt.failure);
        }
        return attempt.claim;
    }

    @Override
    public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
        Attempt a = (Attempt) arg;
        try {
            a.claim = Transactions.underGlobalLock(redpacketTx, c -> {
                PacketStore.Claim claim = packets.claim(c, a.credit.packetId(), a.credit.userId(), a.shareIdx,
                        a.credit.amount(), clock.getAsLong());
                if (claim == PacketStore.Claim.CLAIMED && clock.getAsLong() - a.started > CLAIM_DEADLINE_MS) {
                    throw new ImException(ErrorCode.BUSY, "grab took too long, rolled back");
                }
                if (claim != PacketStore.Claim.CLAIMED) {
                    c.rollback();
                }
                return claim;
            });
            return a.claim == PacketStore.Claim.CLAIMED ? LocalTransactionState.COMMIT_MESSAGE
                    : LocalTransactionState.ROLLBACK_MESSAGE;
        } catch (ImException e) {
            a.failure = e;
            return LocalTransactionState.ROLLBACK_MESSAGE;
        } catch (Exception e) {
            // the commit may or may not have happened: the check-back reads the database
            a.failure = e;
            return LocalTransactionState.UNKNOW;
        }
    }

    @Override
    public LocalTransactionState checkLocalTransaction(MessageExt msg) {
        CreditMessage credit;
        try {
            credit = CreditMessage.decode(msg.getBody());
        } catch (IllegalArgumentException e) {
            log.error("Rolled back an undecodable credit half message: {key={}, body={}}", msg.getKeys(),
                    new String(msg.getBody(), StandardCharsets.US_ASCII));
            return LocalTransactionState.ROLLBACK_MESSAGE;
        }
        try {
            if (packets.grabCommitted(credit.packetId(), credit.userId())) {
                return LocalTransactionState.COMMIT_MESSAGE;
            }
            return clock.getAsLong() - msg.getBornTimestamp() > CHECK_SAFE_AGE_MS
                    ? LocalTransactionState.ROLLBACK_MESSAGE : LocalTransactionState.UNKNOW;
        } catch (Exception e) {
            log.warn("Failed to check a grab's credit, asked again later: {key={}}: {}", credit.key(), e.toString());
            return LocalTransactionState.UNKNOW;
        }
    }
}
