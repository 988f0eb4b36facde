package im.org.group;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.Caller;
import im.api.org.GroupEvent;
import im.api.org.GroupEventKind;
import im.api.org.GroupInfo;
import im.api.org.GroupMember;
import im.api.org.GroupMembers;
import im.api.org.GroupPage;
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
            for (GroupMemberRow r : mapper.membersNamed(g.id)) {
                member |= r.userId == caller.userId();
                out.add(new GroupMember(r.userId, r.name, GroupRole.values()[r.role], Boolean.TRUE.equals(r.muted)));
            }
            if (!member) {
                throw new ImException(ErrorCode.FORBIDDEN, "not a member of the group");
            }
            return out;
        });
    }

    @Override
    public GroupPage myGroups(Caller caller, int page, int size) throws ImException {
        if (page < 1 || page > 1_000_000 || size < 1 || size > MAX_PAGE_SIZE) {
            throw Inputs.bad("page must be >= 1 and size 1.." + MAX_PAGE_SIZE);
        }
        requireCaller(caller);
        long offset = (long) (page - 1) * size;
        return tx.read("list my groups", s -> {
            GroupMapper mapper = s.getMapper(GroupMapper.class);
            long total = mapper.countGroupsOf(caller.tenantId(), caller.userId());
            List<GroupInfo> groups = new ArrayList<>(size);
            for (GroupInfoRow r : mapper.groupsOf(caller.tenantId(), caller.userId(), offset, size)) {
                groups.add(info(r));
            }
            return new GroupPage(total, groups);
        });
    }

    @Override
    public GroupInfo info(Caller caller, long groupId) throws ImException {
        Inputs.id("groupId", groupId);
        requireCaller(caller);
        return tx.read("read group info", s -> {
            GroupMapper mapper = s.getMapper(GroupMapper.class);
            requireLiveGroup(mapper.selectById(groupId), caller);
            GroupInfoRow r = mapper.infoFor(groupId, caller.userId());
            if (r == null) {
                throw new ImException(ErrorCode.FORBIDDEN, "not a member of the group");
            }
            return info(r);
        });
    }

    @Override
    public void updateInfo(Caller caller, long groupId, String name, String announcement) throws ImException {
        if (name == null && announcement == null) {
            throw Inputs.bad("nothing to change: give name or announcement");
        }
        String n = name == null ? null : Inputs.name("name", name);
        String a = announcement == null ? null : announcement(announcement);
        requireCaller(caller);
        if (n != null) {
            change(caller, groupId, GroupEventKind.RENAMED, (s, g, mapper) -> {
                requireRole(mapper, g, caller.userId(), GroupRole.ADMIN);
                mapper.rename(g.id, n);
                mapper.bump(g.id, g.memberCount);
                return List.of();
            });
        }
        if (a != null) {
            change(caller, groupId, GroupEventKind.ANNOUNCEMENT_CHANGED, (s, g, mapper) -> {
                requireRole(mapper, g, caller.userId(), GroupRole.ADMIN);
                mapper.setAnnouncement(g.id, a);
                mapper.bump(g.id, g.memberCount);
                return List.of();
            });
        }
    }

    @Override
    public void transferOwnership(Caller caller, long groupId, long newOwnerId) throws ImException {
        Inputs.id("newOwnerId", newOwnerId);
        if (newOwnerId == caller.userId()) {
            throw Inputs.bad("you own the group already");
        }
        requireCaller(caller);
        change(caller, groupId, GroupEventKind.OWNER_TRANSFERRED, (s, g, mapper) -> {
            requireRole(mapper, g, caller.userId(), GroupRole.OWNER);
            requireMember(mapper, g.id, newOwnerId, ErrorCode.NOT_FOUND);
            mapper.setRole(g.id, newOwnerId, GroupRole.OWNER.ordinal());
            mapper.setRole(g.id, caller.userId(), GroupRole.ADMIN.ordinal());
            mapper.setOwner(g.id, newOwnerId);
            mapper.bump(g.id, g.memberCount);
            return List.of(newOwnerId);
        });
    }

    /** The name of a live group, or empty: for notifications ({@code DirectoryService#pushNames}). */
    public String nameOf(long groupId) throws ImException {
        return tx.read("read group name", s -> {
            GroupRow g = s.getMapper(GroupMapper.class).selectById(groupId);
            return g == null || Boolean.TRUE.equals(g.dismissed) ? "" : g.name;
        });
    }

    private static GroupInfo info(GroupInfoRow r) {
        return new GroupInfo(r.groupId, r.name, r.ownerId, r.announcement == null ? "" : r.announcement,
                r.memberCount, GroupRole.values()[r.role], Boolean.TRUE.equals(r.muted));
    }

    /** 0..{@link #MAX_ANNOUNCEMENT} code points; line breaks and tabs allowed, other control characters not. */
    private static String announcement(String text) throws ImException {
        String v = text.strip();
        if (v.codePointCount(0, v.length()) > MAX_ANNOUNCEMENT) {
            throw Inputs.bad("announcement must be at most " + MAX_ANNOUNCEMENT + " characters");
        }
        if (v.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t'
                || Character.getType(c) == Character.UNASSIGNED || Character.getType(c) == Character.SURROGATE)) {
            throw Inputs.bad("announcement must not contain control or unassigned characters");
        }
        return v;
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
