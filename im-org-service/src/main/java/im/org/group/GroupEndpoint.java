package im.org.group;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.Caller;
import im.api.org.GroupEvent;
import im.api.org.GroupEventKind;
import im.api.org.GroupMember;
import im.api.org.GroupMembers;
import im.api.org.GroupRole;
import im.api.org.GroupService;
import im.org.authz.CacheInvalidation;
import im.org.authz.OrgCache;
import im.org.authz.TenantRules;
import im.org.authz.UserCard;
import im.org.authz.VisibilityRules;
import im.org.store.Transactions;
import im.org.validation.Inputs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.ibatis.session.SqlSession;

/**
 * {@link GroupService} over Dubbo. Each change locks the group row, so concurrent changes of one
 * group are serialized and each gets its own version; the event is published after commit.
 * Thread-safe.
 */
public final class GroupEndpoint implements GroupService {
    /** Rows per multi-row INSERT when adding many members. */
    private static final int INSERT_CHUNK = 1000;
    private static final ImException NO_GROUP = ImException.stackless(ErrorCode.NOT_FOUND, "no such group");

    private final Transactions tx;
    private final OrgCache cache;
    private final CacheInvalidation invalidation;
    private final GroupEventPublisher events;

    public GroupEndpoint(Transactions tx, OrgCache cache, CacheInvalidation invalidation, GroupEventPublisher events) {
        this.tx = tx;
        this.cache = cache;
        this.invalidation = invalidation;
        this.events = events;
    }

    @Override
    public long create(Caller caller, String name, List<Long> memberIds) throws ImException {
        String n = Inputs.name("name", name);
        List<Long> others = new ArrayList<>(Inputs.ids("memberIds", memberIds, MAX_MEMBERS));
        others.remove(caller.userId()); // the caller is the owner anyway
        if (others.size() + 1 > MAX_MEMBERS) {
            throw Inputs.bad("a group has at most " + MAX_MEMBERS + " members, its owner included");
        }
        UserCard owner = requireCaller(caller);
        requireInvitable(owner, others);
        long now = System.currentTimeMillis();
        GroupRow group = tx.write("create group", s -> {
            GroupMapper mapper = s.getMapper(GroupMapper.class);
            GroupRow g = new GroupRow();
            g.tenantId = caller.tenantId();
            g.name = n;
            g.ownerId = caller.userId();
            g.memberCount = others.size() + 1;
            g.version = 1L;
            g.dismissed = false;
            g.createdAt = now;
            mapper.insert(g);
            List<GroupMemberRow> rows = new ArrayList<>(others.size() + 1);
            rows.add(row(g.id, caller.userId(), GroupRole.OWNER, now));
            for (long id : others) {
                rows.add(row(g.id, id, GroupRole.MEMBER, now));
            }
            insertMembers(mapper, rows);
            return g;
        });
        List<Long> all = new ArrayList<>(others.size() + 1);
        all.add(caller.userId());
        all.addAll(others);
        events.publish(new GroupEvent(group.id, group.tenantId, group.version, GroupEventKind.CREATED, caller.userId(),
                all, now));
        return group.id;
    }

    @Override
    public void addMembers(Caller caller, long groupId, List<Long> userIds) throws ImException {
        List<Long> ids = Inputs.ids("userIds", userIds, MAX_MEMBERS);
        if (ids.isEmpty()) {
            throw Inputs.bad("userIds must not be empty");
        }
        UserCard me = requireCaller(caller);
        requireInvitable(me, ids); // before the lock: it may load thousands of users
        change(caller, groupId, GroupEventKind.MEMBERS_ADDED, (s, g, mapper) -> {
            requireRole(mapper, g, caller.userId(), GroupRole.ADMIN);
            Set<Long> present = new HashSet<>(mapper.memberIds(g.id));
            List<Long> added = ids.stream().filter(id -> !present.contains(id)).toList();
            if (present.size() + added.size() > MAX_MEMBERS) {
                throw Inputs.bad("a group has at most " + MAX_MEMBERS + " members");
            }
            long now = System.currentTimeMillis();
            List<GroupMemberRow> rows = new ArrayList<>(added.size());
            for (long id : added) {
                rows.add(row(g.id, id, GroupRole.MEMBER, now));
            }
            insertMembers(mapper, rows);
            mapper.bump(g.id, present.size() + added.size());
            return added;
        });
    }

    @Override
    public void removeMember(Caller caller, long groupId, long userId) throws ImException {
        Inputs.id("userId", userId);
        requireCaller(caller);
        change(caller, groupId, GroupEventKind.MEMBER_REMOVED, (s, g, mapper) -> {
            GroupMemberRow target = requireMember(mapper, g.id, userId, ErrorCode.NOT_FOUND);
            if (userId == caller.userId()) {
                if (target.role == GroupRole.OWNER.ordinal()) {
                    throw Inputs.bad("the owner cannot leave; dismiss the group instead");
                }
            } else {
                GroupMemberRow me = requireMember(mapper, g.id, caller.userId(), ErrorCode.FORBIDDEN);
                if (me.role < GroupRole.ADMIN.ordinal() || me.role <= target.role) {
                    throw new ImException(ErrorCode.FORBIDDEN, "only the owner or an admin removes members below it");
                }
            }
            mapper.deleteMember(g.id, userId);
            mapper.bump(g.id, g.memberCount - 1);
            return List.of(userId);
        });
    }

    @Override
    public void setMuted(Caller caller, long groupId, long userId, boolean muted) throws ImException {
        Inputs.id("userId", userId);
        requireCaller(caller);
        change(caller, groupId, muted ? GroupEventKind.MEMBER_MUTED : GroupEventKind.MEMBER_UNMUTED, (s, g, mapper) -> {
            GroupMemberRow me = requireRole(mapper, g, caller.userId(), GroupRole.ADMIN);
            GroupMemberRow target = requireMember(mapper, g.id, userId, ErrorCode.NOT_FOUND);
            if (me.role <= target.role) {
                throw new ImException(ErrorCode.FORBIDDEN, "only members below you can be muted");
            }
            mapper.setMuted(g.id, userId, muted);
            mapper.bump(g.id, g.memberCount);
            return List.of(userId);
        });
    }

    @Override
    public void setAdmin(Caller caller, long groupId, long userId, boolean admin) throws ImException {
        Inputs.id("userId", userId);
        requireCaller(caller);
        change(caller, groupId, admin ? GroupEventKind.ADMIN_GRANTED : GroupEventKind.ADMIN_REVOKED, (s, g, mapper) -> {
            requireRole(mapper, g, caller.userId(), GroupRole.OWNER);
            GroupMemberRow target = requireMember(mapper, g.id, userId, ErrorCode.NOT_FOUND);
            if (target.role == GroupRole.OWNER.ordinal()) {
                throw Inputs.bad("the owner's role does not change");
            }
            mapper.setRole(g.id, userId, (admin ? GroupRole.ADMIN : GroupRole.MEMBER).ordinal());
            mapper.bump(g.id, g.memberCount);
            return List.of(userId);
        });
    }

    @Override
    public void dismiss(Caller caller, long groupId) throws ImException {
        requireCaller(caller);
        change(caller, groupId, GroupEventKind.DISMISSED, (s, g, mapper) -> {
            requireRole(mapper, g, caller.userId(), GroupRole.OWNER);
            mapper.dismiss(g.id);
            return mapper.memberIds(g.id);
        });
    }

    @Override
    public List<GroupMember> listMembers(Caller caller, long groupId) throws ImException {
        requireCaller(caller);
        return tx.read("list group members", s -> {
            GroupMapper mapper = s.getMapper(GroupMapper.class);
            GroupRow g = requireLiveGroup(mapper.selectById(groupId), caller);
            List<GroupMember> out = new ArrayList<>(g.memberCount);
            boolean member = false;
            for (GroupMemberRow r : mapper.members(g.id)) {
                member |= r.userId == caller.userId();
                out.add(new GroupMember(r.userId, GroupRole.values()[r.role], Boolean.TRUE.equals(r.muted)));
            }
            if (!member) {
                throw new ImException(ErrorCode.FORBIDDEN, "not a member of the group");
            }
            return out;
        });
    }

    @Override
    public GroupMembers members(long groupId) throws ImException {
        GroupMembers members = groupId > 0 ? cache.groupMembers(groupId) : null;
        if (members == null) {
            throw NO_GROUP;
        }
        return members;
    }

    /** One membership change of a locked live group; returns whom it concerns. */
    @FunctionalInterface
    private interface Change {
        List<Long> apply(SqlSession s, GroupRow group, GroupMapper mapper) throws ImException;
    }

    private void change(Caller caller, long groupId, GroupEventKind kind, Change change) throws ImException {
        Inputs.id("groupId", groupId);
        long[] version = new long[1];
        long[] tenant = new long[1];
        List<Long> concerned = tx.write("change group " + kind, s -> {
            GroupMapper mapper = s.getMapper(GroupMapper.class);
            GroupRow g = requireLiveGroup(mapper.lock(groupId), caller);
            List<Long> who = change.apply(s, g, mapper);
            version[0] = g.version + 1;
            tenant[0] = g.tenantId;
            return who;
        });
        invalidation.groupChanged(groupId);
        if (kind != GroupEventKind.MEMBERS_ADDED || !concerned.isEmpty()) {
            events.publish(new GroupEvent(groupId, tenant[0], version[0], kind, caller.userId(), concerned,
                    System.currentTimeMillis()));
        }
    }

    private static GroupRow requireLiveGroup(GroupRow g, Caller caller) throws ImException {
        if (g == null || Boolean.TRUE.equals(g.dismissed)) {
            throw NO_GROUP;
        }
        if (g.tenantId != caller.tenantId()) {
            throw new ImException(ErrorCode.FORBIDDEN, "group of another tenant");
        }
        return g;
    }

    private static GroupMemberRow requireMember(GroupMapper mapper, long groupId, long userId, ErrorCode otherwise)
            throws ImException {
        GroupMemberRow m = mapper.member(groupId, userId);
        if (m == null) {
            throw new ImException(otherwise, "not a member of the group: " + userId);
        }
        return m;
    }

    private static GroupMemberRow requireRole(GroupMapper mapper, GroupRow g, long userId, GroupRole atLeast)
            throws ImException {
        GroupMemberRow m = requireMember(mapper, g.id, userId, ErrorCode.FORBIDDEN);
        if (m.role < atLeast.ordinal()) {
            throw new ImException(ErrorCode.FORBIDDEN, "group " + atLeast.name().toLowerCase(Locale.ROOT)
                    + " only");
        }
        return m;
    }

    /** The caller as an enabled user of its tenant (the platform admin has no groups). */
    private UserCard requireCaller(Caller caller) throws ImException {
        if (caller == null || caller.isPlatformAdmin()) {
            throw new ImException(ErrorCode.FORBIDDEN, "groups are for users of a tenant");
        }
        UserCard me = cache.user(caller.userId());
        if (me == null || me.disabled() || me.tenantId() != caller.tenantId()) {
            throw new ImException(ErrorCode.UNAUTHENTICATED, "unknown or disabled caller");
        }
        return me;
    }

    /** Every id is an enabled user of the inviter's tenant whom the inviter can see. */
    private void requireInvitable(UserCard inviter, List<Long> ids) throws ImException {
        if (ids.isEmpty()) {
            return;
        }
        Map<Long, UserCard> cards = cache.users(ids);
        TenantRules rules = cache.rules(inviter.tenantId());
        for (long id : ids) {
            UserCard card = cards.get(id);
            if (card == null || card.disabled()) {
                throw new ImException(ErrorCode.NOT_FOUND, "no such user: " + id);
            }
            if (card.tenantId() != inviter.tenantId()) {
                throw new ImException(ErrorCode.FORBIDDEN, "user of another tenant: " + id);
            }
            if (!VisibilityRules.canSee(inviter, card, rules)) {
                throw new ImException(ErrorCode.FORBIDDEN, "user not visible to you: " + id);
            }
        }
    }

    private static void insertMembers(GroupMapper mapper, List<GroupMemberRow> rows) {
        for (int i = 0; i < rows.size(); i += INSERT_CHUNK) {
            mapper.insertMembers(rows.subList(i, Math.min(rows.size(), i + INSERT_CHUNK)));
        }
    }

    private static GroupMemberRow row(long groupId, long userId, GroupRole role, long now) {
        GroupMemberRow r = new GroupMemberRow();
        r.groupId = groupId;
        r.userId = userId;
        r.role = role.ordinal();
        r.muted = false;
        r.joinedAt = now;
        return r;
    }
}
