package im.api.org;

import im.api.ImException;
import java.util.List;

/**
 * Groups of up to {@link #MAX_MEMBERS} members of one tenant: one owner, admins, members, mute per
 * member, dismiss. Every membership change is published as a {@link GroupEvent} on
 * {@link GroupEvent#TOPIC}. Invitations follow the visibility rules: a caller adds only users it
 * can see.
 */
public interface GroupService {

    /** The largest group, owner included. */
    int MAX_MEMBERS = 10_000;

    /**
     * Creates a group; the caller becomes its owner.
     *
     * @param name      1..64 characters
     * @param memberIds the other members, 0..{@code MAX_MEMBERS - 1} distinct users of the
     *                  caller's tenant that the caller can see
     * @throws ImException {@code BAD_REQUEST} for invalid input, {@code NOT_FOUND} for an unknown
     *                     user, {@code FORBIDDEN} for a user of another tenant or hidden from the caller
     */
    long create(Caller caller, String name, List<Long> memberIds) throws ImException;

    /**
     * Adds members (owner or admin only); users already in the group are skipped.
     *
     * @throws ImException {@code BAD_REQUEST} when the group would exceed {@link #MAX_MEMBERS}
     */
    void addMembers(Caller caller, long groupId, List<Long> userIds) throws ImException;

    /**
     * Removes a member: the owner or an admin removes others (an admin only plain members), anyone
     * removes itself (leaves). The owner cannot leave; it dismisses the group.
     */
    void removeMember(Caller caller, long groupId, long userId) throws ImException;

    /** Mutes or unmutes a member (owner or admin only; the owner cannot be muted). */
    void setMuted(Caller caller, long groupId, long userId, boolean muted) throws ImException;

    /** Makes a member an admin or a plain member again (owner only). */
    void setAdmin(Caller caller, long groupId, long userId, boolean admin) throws ImException;

    /** Dismisses the group (owner only); it is gone for every call afterwards. */
    void dismiss(Caller caller, long groupId) throws ImException;

    /**
     * The members with roles, for a member of the group.
     *
     * @throws ImException {@code NOT_FOUND} for an unknown or dismissed group, {@code FORBIDDEN}
     *                     for a non-member
     */
    List<GroupMember> listMembers(Caller caller, long groupId) throws ImException;

    /**
     * Every member id of a live group, for im-logic's fan-out. Internal: no caller check.
     *
     * @throws ImException {@code NOT_FOUND} for an unknown or dismissed group
     */
    GroupMembers members(long groupId) throws ImException;
}
