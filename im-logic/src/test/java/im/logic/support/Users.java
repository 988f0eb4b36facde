package im.logic.support;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageEntry;
import im.api.message.SendRequest;
import im.api.message.SendResult;
import im.api.message.SessionCaller;
import im.api.message.SyncResult;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;

/** Test users with ids no earlier run used, and the calls a client makes. */
public final class Users {
    /** Sends of one message before a BUSY answer is the test's failure. */
    private static final int BUSY_ATTEMPTS = 20;

    private Users() {
    }

    /** {@code count} consecutive fresh user ids (the database keeps every earlier run's rows). */
    public static List<Long> fresh(int count) {
        long base = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52);
        return LongStream.range(base, base + count).boxed().toList();
    }

    public static SessionCaller caller(TestOrg org, long userId) {
        return new SessionCaller(org.tenantId(), userId, "dev-" + userId, 1, 0);
    }

    /**
     * Sends a text as a client does: a BUSY answer (the node shed it: queued too long on a loaded
     * machine, its conversation busy elsewhere) is resent with the same client_msg_id after a backoff,
     * which stores the message once whatever the first attempt did.
     */
    public static SendResult text(BlockingMessages api, TestOrg org, long from, int convType, long to, String text)
            throws ImException {
        SendRequest request = new SendRequest(UUID.randomUUID().toString(), convType, to, 1, text, new byte[0], false,
                List.of());
        for (int attempt = 1; ; attempt++) {
            try {
                return api.send(caller(org, from), request);
            } catch (ImException e) {
                if (e.code() != ErrorCode.BUSY || attempt == BUSY_ATTEMPTS) {
                    throw e;
                }
                sleep(50L * attempt);
            }
        }
    }

    private static void sleep(long millis) throws ImException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImException(ErrorCode.BUSY, "interrupted while backing off");
        }
    }

    /** The user's whole stream after {@code since}, page by page. */
    public static List<MessageEntry> syncAll(BlockingMessages api, TestOrg org, long userId, long since, int page)
            throws ImException {
        List<MessageEntry> all = new ArrayList<>();
        long cursor = since;
        while (true) {
            SyncResult r = api.sync(caller(org, userId), cursor, page);
            all.addAll(r.messages());
            if (!r.messages().isEmpty()) {
                cursor = r.messages().get(r.messages().size() - 1).seq();
            }
            if (!r.hasMore()) {
                return all;
            }
        }
    }
}
