package im.org.authz;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import im.api.ImException;
import im.api.org.GroupMembers;
import im.org.department.DepartmentMapper;
import im.org.department.VisibilityRuleRow;
import im.org.group.GroupMapper;
import im.org.group.GroupMemberRow;
import im.org.group.GroupRow;
import im.org.store.Transactions;
import im.org.user.UserMapper;
import im.org.user.UserPathRow;
import im.org.user.UserRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * The organisation in memory for authorization: users, tenant visibility rules and live groups,
 * each loaded from the database on first use and held until invalidated or {@code ttl} old.
 * Invalidations come from this process's writes and, through {@link CacheInvalidation}, from the
 * other instances'. Loads and invalidations of one key are serialized by Caffeine, so an
 * invalidation never loses to a load that started before it. Thread-safe.
 */
public final class OrgCache {
    /** Rows per IN (...) query when loading many users at once. */
    private static final int CHUNK = 1000;

    private final Transactions tx;
    private final Cache<Long, Optional<UserCard>> users;
    private final Cache<Long, TenantRules> rules;
    private final Cache<Long, Optional<GroupCard>> groups;
    /** Told the tenant id whenever a tenant's users or departments changed (im.org.directory). */
    private final List<LongConsumer> tenantListeners = new CopyOnWriteArrayList<>();

    /**
     * @param maxUsers       users held at most (about 200 bytes each)
     * @param maxGroupMembers group members held at most over all cached groups (9 bytes each)
     */
    public OrgCache(Transactions tx, Duration ttl, long maxUsers, long maxGroupMembers) {
        this.tx = tx;
        this.users = Caffeine.newBuilder().maximumSize(maxUsers).expireAfterWrite(ttl).build();
        this.rules = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).build();
        this.groups = Caffeine.newBuilder()
                .maximumWeight(maxGroupMembers)
                .weigher((Long id, Optional<GroupCard> g) -> 1 + g.map(GroupCard::size).orElse(0))
                .expireAfterWrite(ttl).build();
    }

    /** The user, or {@code null} when it does not exist. */
    public UserCard user(long userId) throws ImException {
        try {
            return users.get(userId, id -> unchecked(() -> loadUsers(List.of(id)).get(id))).orElse(null);
        } catch (LoadFailure e) {
            throw e.cause;
        }
    }

    /** The users among {@code userIds} that exist, by id. */
    public Map<Long, UserCard> users(Collection<Long> userIds) throws ImException {
        Map<Long, Optional<UserCard>> found;
        try {
            found = users.getAll(userIds, missing -> unchecked(() -> {
                List<Long> ids = new ArrayList<>(new LinkedHashSet<>(missing));
                Map<Long, Optional<UserCard>> loaded = new HashMap<>();
                for (int i = 0; i < ids.size(); i += CHUNK) {
                    loaded.putAll(loadUsers(ids.subList(i, Math.min(ids.size(), i + CHUNK))));
                }
                return loaded;
            }));
        } catch (LoadFailure e) {
            throw e.cause;
        }
        Map<Long, UserCard> out = new HashMap<>();
        found.forEach((id, card) -> card.ifPresent(c -> out.put(id, c)));
        return out;
    }

    public TenantRules rules(long tenantId) throws ImException {
        try {
            return rules.get(tenantId, id -> unchecked(() -> loadRules(id)));
        } catch (LoadFailure e) {
            throw e.cause;
        }
    }

    /** The live group, or {@code null} when unknown or dismissed. */
    GroupCard group(long groupId) throws ImException {
        try {
            return groups.get(groupId, id -> unchecked(() -> loadGroup(id))).orElse(null);
        } catch (LoadFailure e) {
            throw e.cause;
        }
    }

    /** Every member of a live group for fan-out, or {@code null} when unknown or dismissed. */
    public GroupMembers groupMembers(long groupId) throws ImException {
        GroupCard g = group(groupId);
        if (g == null) {
            return null;
        }
        List<Long> ids = new ArrayList<>(g.size());
        for (long id : g.memberIds()) {
            ids.add(id);
        }
        return new GroupMembers(g.groupId, g.tenantId, g.version, ids);
    }

    public void invalidateUser(long userId) {
        users.invalidate(userId);
    }

    /** Drops the tenant's rules and its users (their department paths may have moved). */
    public void invalidateTenant(long tenantId) {
        rules.invalidate(tenantId);
        users.asMap().values().removeIf(card -> card.map(c -> c.tenantId() == tenantId).orElse(false));
        invalidateDirectory(tenantId);
    }

    /**
     * Tells the caches built over the tenant's users and departments (the directory) that a user or
     * department of it was added, renamed, moved or disabled; the authorization entries stay.
     */
    public void invalidateDirectory(long tenantId) {
        for (LongConsumer l : tenantListeners) {
            l.accept(tenantId);
        }
    }

    /** Registers a cache that drops what it holds of a tenant on {@link #invalidateDirectory}. */
    public void addTenantListener(LongConsumer listener) {
        tenantListeners.add(listener);
    }

    public void invalidateGroup(long groupId) {
        groups.invalidate(groupId);
    }

    private Map<Long, Optional<UserCard>> loadUsers(List<Long> ids) throws ImException {
        return tx.read("load users", s -> {
            UserMapper mapper = s.getMapper(UserMapper.class);
            Map<Long, List<String>> paths = new HashMap<>();
            for (UserPathRow r : mapper.pathsOfUsers(ids)) {
                paths.computeIfAbsent(r.userId, k -> new ArrayList<>()).add(r.path);
            }
            Map<Long, Optional<UserCard>> out = new HashMap<>();
            for (long id : ids) {
                out.put(id, Optional.empty());
            }
            for (UserRow u : mapper.findByIds(ids)) {
                out.put(u.id, Optional.of(new UserCard(u.id, u.tenantId, u.role == UserRow.ROLE_TENANT_ADMIN,
                        Boolean.TRUE.equals(u.disabled), paths.getOrDefault(u.id, List.of()))));
            }
            return out;
        });
    }

    private TenantRules loadRules(long tenantId) throws ImException {
        return tx.read("load visibility rules", s -> {
            DepartmentMapper mapper = s.getMapper(DepartmentMapper.class);
            Map<Long, List<String>> visibleFrom = new HashMap<>();
            for (VisibilityRuleRow r : mapper.restrictedOfTenant(tenantId)) {
                visibleFrom.computeIfAbsent(r.departmentId, k -> new ArrayList<>()).add(r.visiblePath);
            }
            for (VisibilityRuleRow r : mapper.rulesOfTenant(tenantId)) {
                List<String> rule = visibleFrom.get(r.departmentId);
                if (rule != null) { // entries of a department whose rule was just cleared: ignore
                    rule.add(r.visiblePath);
                }
            }
            Map<Long, List<String>> frozen = new HashMap<>();
            visibleFrom.forEach((id, rule) -> frozen.put(id, List.copyOf(rule)));
            return new TenantRules(tenantId, frozen);
        });
    }

    private Optional<GroupCard> loadGroup(long groupId) throws ImException {
        return tx.read("load group", s -> {
            GroupMapper mapper = s.getMapper(GroupMapper.class);
            GroupRow g = mapper.selectById(groupId);
            if (g == null || Boolean.TRUE.equals(g.dismissed)) {
                return Optional.empty();
            }
            List<GroupMemberRow> members = mapper.members(groupId); // ordered by user_id
            long[] ids = new long[members.size()];
            byte[] flags = new byte[members.size()];
            for (int i = 0; i < ids.length; i++) {
                GroupMemberRow m = members.get(i);
                ids[i] = m.userId;
                flags[i] = GroupCard.flags(m.role, Boolean.TRUE.equals(m.muted));
            }
            return Optional.of(new GroupCard(g.id, g.tenantId, g.version, ids, flags));
        });
    }

    @FunctionalInterface
    private interface Load<T> {
        T get() throws ImException;
    }

    private static <T> T unchecked(Load<T> load) {
        try {
            return load.get();
        } catch (ImException e) {
            throw new LoadFailure(e);
        }
    }

    /** Carries a loader's ImException through Caffeine's unchecked-only loading functions. */
    private static final class LoadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ImException cause;

        LoadFailure(ImException cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }
    }
}
