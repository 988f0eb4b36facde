package im.logic.push;

import im.api.message.MessageEntry;
import im.api.message.ReadResult;
import im.api.message.SessionCaller;
import im.api.message.WireMessages;
import im.api.protocol.Command;
import im.api.protocol.ConvType;
import im.api.protocol.MsgPush;
import im.api.protocol.ReadSync;
import im.infra.route.UserPusher;
import im.logic.message.StoredMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Pusher} of a real node: {@code MSG_PUSH} and {@code READ_SYNC_NOTIFY} through the access
 * nodes holding the users' devices ({@link UserPusher}), one frame per entry acknowledged by its seq;
 * recipients of a normal message that no device was reached for go to {@link OfflineNotifier} on
 * {@code offlineExecutor}, off the caller's thread. Pushes that reached a device but were never
 * acknowledged come back through {@link UndeliveredListener}. Thread-safe.
 */
public final class AccessPusher implements Pusher {
    private static final Logger log = LoggerFactory.getLogger(AccessPusher.class);

    private final UserPusher pusher;
    private final OfflineNotifier offline;
    private final Executor offlineExecutor;

    public AccessPusher(UserPusher pusher, OfflineNotifier offline, Executor offlineExecutor) {
        this.pusher = pusher;
        this.offline = offline;
        this.offlineExecutor = offlineExecutor;
    }

    @Override
    public void entries(StoredMessage message, Map<Long, MessageEntry> entries, SessionCaller sender) {
        entriesBatch(List.of(new Push(message, entries, sender)));
    }

    /** Every message's entries in one {@link UserPusher#push}: one route lookup and one call per access node. */
    @Override
    public void entriesBatch(List<Push> pushes) {
        List<UserPusher.Target> targets = new ArrayList<>();
        for (Push p : pushes) {
            SessionCaller sender = p.sender();
            p.entries().forEach((user, entry) -> {
                byte[] body = MsgPush.newBuilder().addMessages(WireMessages.message(entry)).build().toByteArray();
                boolean sendingUser = sender != null && sender.userId() == user;
                targets.add(new UserPusher.Target(user, body, entry.seq(), sendingUser ? sender.platform() : 0,
                        sendingUser ? sender.connectionId() : 0));
            });
        }
        pusher.push(Command.MSG_PUSH.number(), targets).thenAccept(missed -> {
            if (missed.isEmpty()) {
                return;
            }
            for (Push p : pushes) {
                boolean normal = p.entries().values().stream().findAny()
                        .map(e -> e.kind() == MessageEntry.KIND_NORMAL).orElse(false);
                if (!normal) {
                    continue;
                }
                Set<Long> users = new HashSet<>(p.entries().keySet());
                users.retainAll(missed);
                if (!users.isEmpty()) {
                    offline(p.message(), users);
                }
            }
        });
    }

    private void offline(StoredMessage message, Set<Long> users) {
        try {
            offlineExecutor.execute(() -> offline.notify(message, users));
        } catch (RejectedExecutionException e) {
            log.warn("Failed to queue offline push, queue full: {msgId={}, users={}}", message.msgId(), users.size());
        }
    }

    @Override
    public void readSync(SessionCaller reader, ReadResult r) {
        byte[] body = ReadSync.newBuilder().setConvType(ConvType.forNumber(r.convType())).setConvId(r.convId())
                .setReadSeq(r.readSeq()).setTotalUnread(r.totalUnread()).build().toByteArray();
        pusher.push(Command.READ_SYNC_NOTIFY.number(), List.of(new UserPusher.Target(reader.userId(), body, 0,
                reader.platform(), reader.connectionId())));
    }
}
