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

    /** The longest announcement, in code points. */
    int MAX_ANNOUNCEMENT = 2000;
    /** The largest page of {@link #myGroups}. */
    int MAX_PAGE_SIZE = 100;

    /**
     * The live groups the caller is a member of, newest first, with its role and mute flag in each.
     *
     * @param page from 1
     * @param size 1..{@link #MAX_PAGE_SIZE}
     * @throws ImException {@code BAD_REQUEST} for a bad page
     */
    GroupPage myGroups(Caller caller, int page, int size) throws ImException;

    /**
     * The group's name, owner, announcement and member count, for a member.
     *
     * @throws ImException {@code NOT_FOUND} for an unknown or dismissed group, {@code FORBIDDEN} for a
     *                     non-member
     */
    GroupInfo info(Caller caller, long groupId) throws ImException;

    /**
     * Renames the group and/or sets its announcement (owner or admin only); each change is a
     * {@link GroupEventKind#RENAMED} or {@link GroupEventKind#ANNOUNCEMENT_CHANGED} event.
     *
     * @param name         1..64 characters, or {@code null} to keep it
     * @param announcement 0..{@link #MAX_ANNOUNCEMENT} characters (empty clears it), or {@code null}
     * @throws ImException {@code BAD_REQUEST} when both are null or one is invalid
     */
    void updateInfo(Caller caller, long groupId, String name, String announcement) throws ImException;

    /**
     * Gives the group to another member (owner only); the old owner becomes an admin. One
     * {@link GroupEventKind#OWNER_TRANSFERRED} event.
     *
     * @throws ImException {@code NOT_FOUND} when the new owner is not a member, {@code BAD_REQUEST} for
     *                     the owner itself
     */
    void transferOwnership(Caller caller, long groupId, long newOwnerId) throws ImException;

    /**
     * Every member id of a live group, for im-logic's fan-out. Internal: no caller check.
     *
     * @throws ImException {@code NOT_FOUND} for an unknown or dismissed group
     */
    GroupMembers members(long groupId) throws ImException;
}
