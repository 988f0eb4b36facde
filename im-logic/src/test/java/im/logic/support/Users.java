package im.logic.support;

import im.api.ImException;
import im.api.message.MessageEntry;
import im.api.message.MessageService;
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

    public static SendResult text(MessageService api, TestOrg org, long from, int convType, long to, String text)
            throws ImException {
        return api.send(caller(org, from), new SendRequest(UUID.randomUUID().toString(), convType, to, 1, text,
                new byte[0], false, List.of()));
    }

    /** The user's whole stream after {@code since}, page by page. */
    public static List<MessageEntry> syncAll(MessageService api, TestOrg org, long userId, long since, int page)
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
