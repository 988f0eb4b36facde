package im.redpacket.send;

import im.api.ImException;
import im.redpacket.packet.PacketRow;
import im.redpacket.packet.PacketStore;
import im.redpacket.tx.Transactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.List;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the chat messages that neither the send nor the transactional message posted, from the database
 * alone. The packet row says the money was debited and the message is owed; the half message is only the
 * fast way to post it, and the broker drops one whose check-backs all failed (the node that sent it was
 * down for the broker's 15 checks) or that it never got to end. The send's own post may have failed too
 * (im-logic down, the node killed right after the commit).
 *
 * <p>Each run takes the packets created between 23 h and {@code afterMillis} ago still at
 * {@code chat_msg_id = 0}, reads each row with {@code SELECT ... FOR UPDATE} under Seata's global lock
 * (a send whose global transaction could still roll the row back holds that lock: such a packet is
 * skipped), posts it through {@link ChatPosts} and so records the message id. A post of a packet whose
 * message did appear (the transactional message got through, the send's record failed) is answered by
 * im-logic's {@code client_msg_id} de-duplication with the same message, which lasts 24 h from the first
 * post: hence the 23 h bound, after which a repeat could be a second message. Any number of nodes may
 * sweep at once (each post is the same message, each record {@code WHERE chat_msg_id = 0}). Run by the
 * bootstrap's scheduler; one run at a time per node.
 */
public final class ChatSweeper implements Runnable {
    /** The oldest packet the sweep posts: im-logic's de-duplication of a post lasts 24 h. */
    public static final long MAX_AGE_MS = 23 * 3_600_000L;
    private static final int BATCH = 100;
    /** Batches per run, a bound on a run whose records keep failing (the same rows come back). */
    private static final int MAX_BATCHES = 20;
    private static final Logger log = LoggerFactory.getLogger("im.redpacket.chat");

    private final PacketStore packets;
    private final DataSource redpacketTx;
    private final ChatPosts posts;
    private final long afterMillis;
    private final LongSupplier clock;
    private final Counter swept;

    /**
     * @param redpacketTx the Seata-proxied red-packet database
     * @param afterMillis the age from which a packet not known to be posted is posted by the sweep
     */
    public ChatSweeper(PacketStore packets, DataSource redpacketTx, ChatPosts posts, long afterMillis,
                       LongSupplier clock, MeterRegistry metrics) {
        if (afterMillis <= 0 || afterMillis >= MAX_AGE_MS) {
            throw new IllegalArgumentException("afterMillis must be 1.." + MAX_AGE_MS + ": " + afterMillis);
        }
        this.packets = packets;
        this.redpacketTx = redpacketTx;
        this.posts = posts;
        this.afterMillis = afterMillis;
        this.clock = clock;
        this.swept = metrics.counter("im_redpacket_chat_swept_total");
    }

    @Override
    public void run() {
        try {
            sweep();
        } catch (SQLException | RuntimeException e) {
            log.warn("Failed to sweep red packet chat messages, retried by the next run: {}", e.toString());
        }
    }

    /** One sweep; the number of packets it posted and recorded (or recorded as refused). */
    public int sweep() throws SQLException {
        int recorded = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            long now = clock.getAsLong();
            List<PacketRow> due = packets.unposted(now - MAX_AGE_MS, now - afterMillis, BATCH);
            int done = 0;
            for (PacketRow p : due) {
                if (!committed(p.id())) {
                    continue;
                }
                long msgId = posts.post(ChatPosts.event(p));
                if (msgId == 0) {
                    continue; // im-logic unreachable or busy: the next run
                }
                done++;
                if (msgId != ChatPoster.REFUSED) {
                    swept.increment();
                    log.info("Posted a red packet's chat message the send and the transactional message had not"
                            + " confirmed: {packetId={}, msgId={}}", p.id(), msgId);
                }
            }
            recorded += done;
            if (due.size() < BATCH || done == 0) {
                break;
            }
        }
        return recorded;
    }

    /** The packet row exists and no global transaction can roll it back any more. */
    private boolean committed(long packetId) {
        try {
            return Transactions.underGlobalLock(redpacketTx, c -> packets.lockCommitted(c, packetId));
        } catch (ImException | SQLException | RuntimeException e) {
            log.info("Red packet's send still in a global transaction, its chat message is swept later: {"
                    + "packetId={}}: {}", packetId, e.toString());
            return false;
        }
    }
}
