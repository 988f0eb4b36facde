package im.logic.send;

import im.api.ImException;
import im.api.org.GroupMembers;
import im.api.org.OrgInvalidation;
import im.api.org.SendGrant;
import im.logic.fanout.MemberDirectory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.StatusListener;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * im-org-service's answers to the send check and to group member lists, cached inside im-logic so a
 * send costs no hop to im-org-service once its sender and conversation have been seen. Exact, not
 * eventually right: every committed organisation change is announced on {@link OrgInvalidation#TOPIC}
 * before im-org-service answers the admin who made it, and drops every cached answer it may affect
 * (a user's grants, a tenant's grants, a group's grants and members); a removed member is refused
 * from the next message on. An answer fetched while a change arrived is not cached (a generation
 * counter tells), and a (re)subscription drops everything, since announcements may have been missed
 * meanwhile. Refusals are never cached.
 *
 * <p>Bounded: past {@code maxEntries} answers the cache is emptied (the next sends fetch again).
 * Thread-safe.
 */
public final class OrgAnswerCache implements SendAuthorizer, MemberDirectory, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OrgAnswerCache.class);

    private record GrantKey(long tenantId, long senderId, int convType, long targetId) {
    }

    private final SendAuthorizer authorizer;
    private final MemberDirectory directory;
    private final int maxEntries;
    private final Map<GrantKey, SendGrant> grants = new ConcurrentHashMap<>();
    private final Map<Long, GroupMembers> members = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Counter hits;
    private final Counter misses;
    private final RTopic topic;
    private final int listenerId;
    private final int statusListenerId;

    public OrgAnswerCache(SendAuthorizer authorizer, MemberDirectory directory, RedissonClient redis, int maxEntries,
                          MeterRegistry metrics) {
        this.authorizer = authorizer;
        this.directory = directory;
        this.maxEntries = maxEntries;
        this.hits = Counter.builder("im.org.cache").tag("result", "hit").register(metrics);
        this.misses = Counter.builder("im.org.cache").tag("result", "miss").register(metrics);
        this.topic = redis.getTopic(OrgInvalidation.TOPIC, StringCodec.INSTANCE);
        this.listenerId = topic.addListener(String.class, (channel, message) -> invalidate(message));
        this.statusListenerId = topic.addListener(new StatusListener() {
            @Override
            public void onSubscribe(String channel) {
                clear(); // announcements may have been missed while unsubscribed
            }

            @Override
            public void onUnsubscribe(String channel) {
                clear();
            }
        });
        metrics.gauge("im.org.cache.entries", this, c -> c.grants.size() + c.members.size());
    }

    @Override
    public SendGrant authorize(long tenantId, long senderId, int convType, long targetId) throws ImException {
        try {
            return authorizeAsync(tenantId, senderId, convType, targetId).join();
        } catch (CompletionException e) {
            throw OrgPorts.translate("the send check", e);
        }
    }

    @Override
    public CompletableFuture<SendGrant> authorizeAsync(long tenantId, long senderId, int convType, long targetId) {
        GrantKey key = new GrantKey(tenantId, senderId, convType, targetId);
        SendGrant cached = grants.get(key);
        if (cached != null) {
            hits.increment();
            return CompletableFuture.completedFuture(cached);
        }
        misses.increment();
        long seen = generation.get();
        return authorizer.authorizeAsync(tenantId, senderId, convType, targetId).thenApply(grant -> {
            store(grants, key, grant, seen);
            return grant;
        });
    }

    @Override
    public GroupMembers members(long groupId) throws ImException {
        try {
            return membersAsync(groupId).join();
        } catch (CompletionException e) {
            throw OrgPorts.translate("group members", e);
        }
    }

    @Override
    public CompletableFuture<GroupMembers> membersAsync(long groupId) {
        GroupMembers cached = members.get(groupId);
        if (cached != null) {
            hits.increment();
            return CompletableFuture.completedFuture(cached);
        }
        misses.increment();
        long seen = generation.get();
        return directory.membersAsync(groupId).thenApply(list -> {
            store(members, groupId, list, seen);
            return list;
        });
    }

    private <K, V> void store(Map<K, V> map, K key, V value, long seen) {
        if (grants.size() + members.size() >= maxEntries) {
            clear();
            return;
        }
        map.put(key, value);
        if (generation.get() != seen) {
            map.remove(key); // a change arrived while this answer was in flight: it may predate it
        }
    }

    /** Applies one announcement of {@link OrgInvalidation}. */
    void invalidate(String message) {
        generation.incrementAndGet();
        long id;
        try {
            id = Long.parseLong(message.substring(2));
        } catch (RuntimeException e) {
            log.warn("Ignoring unknown organisation change: {message={}}", message);
            clear();
            return;
        }
        switch (message.charAt(0)) {
            case 'u' -> grants.keySet().removeIf(k -> k.senderId() == id || (k.convType() == 1 && k.targetId() == id));
            case 't' -> {
                grants.keySet().removeIf(k -> k.tenantId() == id);
                members.values().removeIf(m -> m.tenantId() == id);
            }
            case 'g' -> {
                grants.keySet().removeIf(k -> k.convType() == 2 && k.targetId() == id);
                members.remove(id);
            }
            case 'd' -> {
                // a tenant's directory snapshot (names, profiles): no send check depends on it
            }
            default -> {
                log.warn("Ignoring unknown organisation change: {message={}}", message);
                clear();
            }
        }
    }

    void clear() {
        generation.incrementAndGet();
        grants.clear();
        members.clear();
    }

    @Override
    public void close() {
        topic.removeListener(listenerId, statusListenerId);
    }
}
