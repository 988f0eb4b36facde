package im.logic.support;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.GroupMembers;
import im.api.org.OrgInvalidation;
import im.api.org.SendGrant;
import im.logic.fanout.MemberDirectory;
import im.logic.send.SendAuthorizer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The organisation as these tests need it, standing in for im-org-service (a service, not
 * infrastructure): one tenant's users, groups with members, privileged users. It refuses what
 * im-org-service refuses (strangers, non-members), so tests exercise the refusals too.
 */
public final class TestOrg implements SendAuthorizer, MemberDirectory {
    private final long tenantId;
    private final Set<Long> users = ConcurrentHashMap.newKeySet();
    private final Map<Long, List<Long>> groups = new ConcurrentHashMap<>();
    private final Set<Long> privileged = ConcurrentHashMap.newKeySet();
    private volatile RTopic announcements;

    public TestOrg(long tenantId) {
        this.tenantId = tenantId;
    }

    public long tenantId() {
        return tenantId;
    }

    public TestOrg users(List<Long> ids) {
        users.addAll(ids);
        return this;
    }

    public TestOrg group(long groupId, List<Long> members) {
        users.addAll(members);
        groups.put(groupId, List.copyOf(members));
        announce("g:" + groupId);
        return this;
    }

    /**
     * Announces every change on {@link OrgInvalidation#TOPIC} from now on, as im-org-service does, so the
     * send-check caches of the nodes under test drop what changed.
     */
    public TestOrg announceTo(RedissonClient redis) {
        announcements = redis.getTopic(OrgInvalidation.TOPIC, StringCodec.INSTANCE);
        return this;
    }

    private void announce(String change) {
        RTopic topic = announcements;
        if (topic != null) {
            topic.publish(change);
        }
    }

    /** The group is gone: {@link #members} answers NOT_FOUND, as im-org-service does for a dismissed group. */
    public TestOrg dismiss(long groupId) {
        groups.remove(groupId);
        announce("g:" + groupId);
        return this;
    }

    public TestOrg privileged(long userId) {
        privileged.add(userId);
        announce("u:" + userId);
        return this;
    }

    @Override
    public SendGrant authorize(long tenant, long senderId, int convType, long targetId) throws ImException {
        if (tenant != tenantId || !users.contains(senderId)) {
            throw ImException.stackless(ErrorCode.UNAUTHENTICATED, "unknown sender");
        }
        if (convType == 1) {
            if (!users.contains(targetId)) {
                throw ImException.stackless(ErrorCode.NOT_FOUND, "unknown user");
            }
        } else {
            List<Long> members = groups.get(targetId);
            if (members == null) {
                throw ImException.stackless(ErrorCode.NOT_FOUND, "unknown group");
            }
            if (!members.contains(senderId)) {
                throw ImException.stackless(ErrorCode.FORBIDDEN, "not a member");
            }
        }
        return new SendGrant(tenant, senderId, convType, targetId, 1, privileged.contains(senderId));
    }

    @Override
    public GroupMembers members(long groupId) throws ImException {
        List<Long> members = groups.get(groupId);
        if (members == null) {
            throw ImException.stackless(ErrorCode.NOT_FOUND, "unknown group");
        }
        return new GroupMembers(groupId, tenantId, 1, members);
    }
}
